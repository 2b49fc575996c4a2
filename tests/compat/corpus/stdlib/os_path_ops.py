import os.path

paths = ["/home/ann/docs/report.final.pdf", "relative/dir/", "file", "/", "archive.tar.gz"]
for p in paths:
    print(
        f"{p!r:36} base={os.path.basename(p)!r} dir={os.path.dirname(p)!r} ext={os.path.splitext(p)[1]!r}"
    )
print(os.path.join("a", "b", "c.txt"), os.path.join("/root", "/abs", "x"))
print(os.path.normpath("a/./b/../c//d"), os.path.isabs("/x"), os.path.isabs("x"))
print(os.path.split("/usr/lib/python3"), os.path.commonprefix(["/usr/lib", "/usr/local"]))
