import json

inputs = ['{"a": 1}', "[1, 2, 3]", "{'single': 'quotes'}", '{"a": }', "", "42", '"str"']

for text in inputs:
    try:
        value = json.loads(text)
    except ValueError:
        print(f"{text!r:24} -> invalid JSON")
    else:
        print(f"{text!r:24} -> {type(value).__name__}: {value}")
