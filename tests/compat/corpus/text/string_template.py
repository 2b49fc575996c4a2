from string import Template

t = Template("Dear $name, your order #$order_id ships on ${day}day.")
print(t.substitute(name="Ana", order_id=1042, day="Mon"))
try:
    t.substitute(name="Bo")
except KeyError as e:
    print("missing key:", e)
print(t.safe_substitute(name="Bo"))
price = Template("Total: $$${amount}")
print(price.substitute(amount="19.99"))
