import io

buf = io.StringIO()
buf.write("first line\n")
print("second line", file=buf)
buf.writelines(["third\n", "fourth\n"])
print(repr(buf.getvalue()))
buf.seek(0)
print(buf.readline().strip(), "|", buf.read(6))
print(buf.tell())
reader = io.StringIO("a\nb\nc")
print([line.rstrip() for line in reader])
bio = io.BytesIO(b"binary\x00data")
print(bio.read(6), bio.read(), bio.getvalue()[:3])
