tsv = (
    "name\tqty\tprice\tavailable\nbolt\t100\t0.05\tyes\nnut\t250\t0.02\tno\nwasher\t75\t0.01\tyes\n"
)


def convert(value):
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    if value in ("yes", "no"):
        return value == "yes"
    return value


lines = tsv.rstrip("\n").split("\n")
keys = lines[0].split("\t")
items = [{k: convert(v) for k, v in zip(keys, ln.split("\t"))} for ln in lines[1:]]
for it in items:
    print(it)
print("available qty:", sum(i["qty"] for i in items if i["available"]))
