from functools import total_ordering

RANKS = "23456789TJQKA"


@total_ordering
class Card:
    def __init__(self, code):
        self.rank, self.suit = code[0], code[1]

    def __eq__(self, other):
        return self.rank == other.rank

    def __lt__(self, other):
        return RANKS.index(self.rank) < RANKS.index(other.rank)

    def __repr__(self):
        return self.rank + self.suit


hand = [Card(c) for c in ["KH", "2S", "TD", "AC", "7H"]]
print(sorted(hand))
print(Card("QS") >= Card("JD"), Card("3C") <= Card("3H"), Card("5D") > Card("9S"))
print(max(hand), Card("AS") != Card("AH"))
