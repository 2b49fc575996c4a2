from pathlib import PurePosixPath

p = PurePosixPath("/srv/app/static/css/main.min.css")
print(p.name, p.stem, p.suffix, p.suffixes)
print(p.parent, p.parents[2], p.parts[:3])
print(p.with_suffix(".map"), p.with_name("theme.css"))
print(PurePosixPath("docs") / "guide" / "intro.md")
print(p.relative_to("/srv/app"), p.is_absolute(), p.match("*.css"))
