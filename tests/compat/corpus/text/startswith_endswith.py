files = ["report.pdf", "photo.JPG", "notes.txt", "archive.tar.gz", "script.py", "README"]
images = [f for f in files if f.lower().endswith((".jpg", ".png", ".gif"))]
print(images)
print([f for f in files if f.endswith(".py") or f.endswith(".txt")])
urls = ["https://a.com", "http://b.org", "ftp://c.net", "mailto:x@y.z"]
print([u for u in urls if u.startswith(("http://", "https://"))])
print("prefix_value".startswith("value", 7))
print("abcdef".endswith("cd", 0, 4))
