class Animal:
    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound

    def speak(self):
        return f"{self.name} says {self.sound}"

    def describe(self):
        return f"{type(self).__name__} named {self.name}"


class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name, "Woof")
        self.breed = breed

    def describe(self):
        return super().describe() + f" ({self.breed})"


class Puppy(Dog):
    def speak(self):
        return super().speak().replace("Woof", "Yip")


pets = [Animal("Generic"), Dog("Rex", "beagle"), Puppy("Bit", "pug")]
for p in pets:
    print(p.speak(), "|", p.describe())
print(isinstance(pets[2], Animal), issubclass(Puppy, Dog), issubclass(Animal, Dog))
