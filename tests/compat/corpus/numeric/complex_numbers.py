import cmath

z = complex(3, 4)
w = 1 - 2j
print(z, w, z + w, z * w, z / w)
print(abs(z), z.real, z.imag, z.conjugate())
print(cmath.sqrt(-1), cmath.phase(1j))
r, phi = cmath.polar(z)
print(round(r, 6), round(phi, 6))
print(cmath.rect(2, 0), (1j) ** 2)
a, b, c = 1, 2, 5
disc = cmath.sqrt(b * b - 4 * a * c)
print((-b + disc) / (2 * a), (-b - disc) / (2 * a))
