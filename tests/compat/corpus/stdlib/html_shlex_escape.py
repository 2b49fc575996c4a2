import html
import shlex

snippet = '<a href="x?a=1&b=2">Tom & Jerry\'s</a>'
escaped = html.escape(snippet)
print(escaped)
print(html.unescape(escaped) == snippet, html.unescape("&lt;3 &amp; &copy; &#169;"))
cmd = "grep -r \"hello world\" --include=*.py ./src 'single quoted'"
print(shlex.split(cmd))
print(shlex.quote("file name.txt"), shlex.quote("safe.txt"))
print(shlex.join(["echo", "a b", "c"]))
