class TrafficLight:
    TRANSITIONS = {"red": "green", "green": "yellow", "yellow": "red"}
    DURATIONS = {"red": 30, "green": 25, "yellow": 5}

    def __init__(self):
        self.state = "red"
        self.elapsed = 0

    def tick(self, seconds):
        self.elapsed += seconds
        while self.elapsed >= self.DURATIONS[self.state]:
            self.elapsed -= self.DURATIONS[self.state]
            self.state = self.TRANSITIONS[self.state]
        return self.state


light = TrafficLight()
for step in [10, 25, 20, 4, 1, 60]:
    print(f"+{step:>2}s -> {light.tick(step):<6} ({light.elapsed}s in)")
