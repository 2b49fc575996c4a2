import re

text = """Contact us at support@example.com or sales@shop.example.org.
Bob's address is bob.smith+news@mail.co.uk; invalid ones: foo@, @bar.com, a@b.
"""

emails = re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)
print(emails)
domains = sorted({e.split("@")[1] for e in emails})
print(domains)
masked = re.sub(r"([\w.+-])[\w.+-]*@", r"\1***@", text)
print(masked)
