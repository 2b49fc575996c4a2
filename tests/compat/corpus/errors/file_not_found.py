def read_config(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        print(f"no such file: {path}")
        return ""
    except OSError as e:
        print("other OS error:", type(e).__name__)
        return ""


print(repr(read_config("/nonexistent/config.ini")))
with open("notes.txt", "w") as f:
    f.write("line one\nline two\n")
print(repr(read_config("notes.txt")))
try:
    open("missing.txt")
except OSError as e:
    print(isinstance(e, FileNotFoundError), e.errno == 2)
