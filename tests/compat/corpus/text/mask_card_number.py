cards = ["4111111111111111", "5500 0000 0000 0004", "3400-000000-00009", "123"]
for raw in cards:
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(digits) < 12:
        print(raw, "-> too short")
        continue
    masked = digits[-4:].rjust(len(digits), "*")
    grouped = " ".join(masked[i : i + 4] for i in range(0, len(masked), 4))
    print(f"{raw:<22} -> {grouped}")

email = "jonathan.doe@example.com"
user, domain = email.split("@")
print(user[0] + "*" * (len(user) - 2) + user[-1] + "@" + domain)
