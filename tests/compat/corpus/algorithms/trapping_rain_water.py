def trap(heights):
    left, right = 0, len(heights) - 1
    lmax = rmax = water = 0
    while left < right:
        if heights[left] < heights[right]:
            lmax = max(lmax, heights[left])
            water += lmax - heights[left]
            left += 1
        else:
            rmax = max(rmax, heights[right])
            water += rmax - heights[right]
            right -= 1
    return water


for h in [[0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 2, 1], [4, 2, 0, 3, 2, 5], [], [3, 3, 3]]:
    print(h, trap(h))
