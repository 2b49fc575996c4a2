import textwrap

text = (
    "The Zen of Python, by Tim Peters. Beautiful is better than ugly. Explicit is "
    "better than implicit. Simple is better than complex."
)
print(textwrap.fill(text, width=40))
print(textwrap.wrap(text, 30)[:2])
print(textwrap.shorten(text, width=50, placeholder=" [...]"))
code = """
    def hello():
        return "hi"
"""
print(textwrap.dedent(code).strip())
print(textwrap.indent("line1\nline2", "> "))
print(textwrap.fill("short", 20, initial_indent="* ", subsequent_indent="  "))
