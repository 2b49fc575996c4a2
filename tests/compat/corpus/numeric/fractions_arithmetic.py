from fractions import Fraction

a = Fraction(1, 3)
b = Fraction(1, 6)
print(a + b, a - b, a * b, a / b)
print(Fraction(6, 8), Fraction("3/7"), Fraction("0.125"), Fraction(0.5))
print(sum(Fraction(1, n) for n in range(1, 11)))
x = Fraction(22, 7)
print(float(x), x.numerator, x.denominator, int(x))
print(Fraction(3.141592653589793).limit_denominator(1000))
print(Fraction(1, 3) == 1 / 3, Fraction(1, 2) == 0.5, Fraction(5, 10) < Fraction(2, 3))
print(Fraction(2, 3) ** 2, -Fraction(7, 3), abs(Fraction(-1, 4)))
