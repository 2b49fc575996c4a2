from enum import Flag, auto


class Perm(Flag):
    READ = auto()
    WRITE = auto()
    EXEC = auto()


rw = Perm.READ | Perm.WRITE
print(rw)
print(Perm.READ in rw, Perm.EXEC in rw)
print(rw.value, Perm.EXEC.value)
print(bool(rw & Perm.EXEC))
for user, perm in [("root", Perm.READ | Perm.WRITE | Perm.EXEC), ("guest", Perm.READ)]:
    print(user, [p.name for p in Perm if p in perm])
