class Deck:
    suits = "SHDC"
    ranks = ["A", "2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K"]

    def __iter__(self):
        for s in self.suits:
            for r in self.ranks:
                yield r + s

    def __len__(self):
        return len(self.suits) * len(self.ranks)


deck = Deck()
cards = list(deck)
print(len(deck), cards[:5], cards[-1])
print(sum(1 for c in deck if c.startswith("K")))
faces = [c for c in deck if c[0] in "JQK" and c.endswith("H")]
print(faces)
it = iter(deck)
print(next(it), next(it))
