from collections import deque

words = {"hot", "dot", "dog", "lot", "log", "cog", "hit", "cot", "cut", "hut"}


def ladder(start, goal):
    queue = deque([[start]])
    seen = {start}
    while queue:
        path = queue.popleft()
        word = path[-1]
        if word == goal:
            return path
        for i in range(len(word)):
            for ch in "abcdefghijklmnopqrstuvwxyz":
                nxt = word[:i] + ch + word[i + 1 :]
                if nxt in words and nxt not in seen:
                    seen.add(nxt)
                    queue.append(path + [nxt])
    return None


print(ladder("hit", "cog"))
print(ladder("hut", "log"))
print(ladder("hit", "xyz"))
