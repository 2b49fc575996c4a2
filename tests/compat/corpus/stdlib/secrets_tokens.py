import secrets
import string

token = secrets.token_hex(16)
print(len(token), all(c in "0123456789abcdef" for c in token))
url_token = secrets.token_urlsafe(24)
print(len(url_token) >= 24, all(c.isalnum() or c in "-_" for c in url_token))
alphabet = string.ascii_letters + string.digits
password = "".join(secrets.choice(alphabet) for _ in range(12))
print(len(password), set(password) <= set(alphabet))
print(0 <= secrets.randbelow(10) < 10, len(secrets.token_bytes(8)))
print(secrets.compare_digest("abc", "abc"), secrets.compare_digest("abc", "abd"))
