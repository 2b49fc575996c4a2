import statistics as st

data = [2, 4, 4, 4, 5, 5, 7, 9]
print(st.mean(data), st.median(data), st.mode(data))
print(st.pstdev(data), round(st.stdev(data), 6))
print(st.pvariance(data), round(st.variance(data), 6))
print(st.median([1, 3, 5, 7]), st.median_low([1, 3, 5, 7]), st.median_high([1, 3, 5, 7]))
print(st.multimode("aabbbccdd"), st.mode(["red", "blue", "red"]))
print(round(st.harmonic_mean([40, 60]), 6), round(st.geometric_mean([1, 10, 100]), 6))
print(st.quantiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], n=4))
print(st.fmean([1.5, 2.5, 3.5]))
