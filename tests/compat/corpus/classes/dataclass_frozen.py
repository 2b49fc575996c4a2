from dataclasses import FrozenInstanceError, dataclass, replace


@dataclass(frozen=True)
class Coord:
    lat: float
    lon: float

    def moved(self, dlat, dlon):
        return replace(self, lat=self.lat + dlat, lon=self.lon + dlon)


home = Coord(51.5, -0.12)
print(home, hash(home) == hash(Coord(51.5, -0.12)))
try:
    home.lat = 0
except FrozenInstanceError:
    print("cannot modify a frozen dataclass")
print(home.moved(1, 1))
print({home, Coord(51.5, -0.12)} == {home})
