# _wasmbox_ucd: Unicode character data for str methods on non-ASCII text.
#
# MicroPython's str methods know ASCII only: 'ß'.upper() stays 'ß',
# 'é'.isalpha() is False, 'Élodie'.title() gives 'éLodie'. The runtime
# (_wasmbox_rt) sends non-ASCII strings here (ASCII ones never load this
# module) for upper, lower, casefold, swapcase, title, capitalize and the
# is* predicates, with CPython 3.11's full case mappings (ß -> SS, final
# sigma) and character classes. printable() also serves repr() (see
# _wasmbox_text.fix_repr).
#
# The tables below are generated from CPython 3.11 itself and checked by
# tests/test_compat_text.py (run that file as a script to print them).
# S_*: sets of code points as base-36 (gap, count, step) runs; M_*: 1:1
# mappings as (gap, count, step, delta) runs; X_*: the multi-character
# mappings, '\x00'-separated entries of the character and its mapping.

_TABLES = {
    'M_FOLD': '1t q 1 w 2i 1 1 lj a n 1 w 1 7 1 w x o 2 1 3 3 2 1 2 8 2 1 2 n 2 1 1 1 1 -3d 0 3 2 1 1 1 1 -7g 1 1 1 5u 0 2 2 1 1 1 1 5q 0 1 1 1 1 2 1 5p 0 1 1 1 2 1 1 27 0 1 1 5m 0 1 1 5n 0 1 1 1 1 1 1 5p 0 1 1 5r 1 1 1 5v 0 1 1 5t 0 1 1 1 3 1 1 5v 0 1 1 5x 1 1 1 5y 0 3 2 1 1 1 1 62 0 1 1 1 1 1 1 62 2 1 1 1 1 1 1 62 0 1 1 1 1 2 1 61 0 2 2 1 1 1 1 63 0 1 1 1 3 1 1 1 7 1 1 2 0 1 1 1 1 1 1 2 0 1 1 1 1 1 1 2 0 9 2 1 2 9 2 1 2 1 1 2 0 2 2 1 1 1 1 -2p 0 1 1 -1k 0 k 2 1 1 1 1 -3m 1 9 2 1 7 1 1 8bv 0 1 1 1 1 1 1 -4j 0 1 1 8bs 2 1 1 1 1 1 1 -5f 0 1 1 1x 0 1 1 1z 0 5 2 1 6u 1 1 38 16 2 2 1 3 1 1 1 8 1 1 38 6 1 1 12 1 3 1 11 1 1 1 1s 1 2 1 1r 1 h 1 w 1 9 1 w m 1 1 1 c 1 1 8 0 1 1 -u 0 1 1 -p 3 1 1 -f 0 1 1 -m 1 c 2 1 1 1 1 -1i 0 1 1 -1c 2 1 1 -1o 0 1 1 -1s 1 1 1 1 1 1 1 -7 0 1 1 1 2 3 1 -3m 0 g 1 28 0 w 1 w 1c h 2 1 9 r 2 1 1 1 1 f 0 7 2 1 2 1c 2 1 2 12 1 1c 289 12 1 5ls 1 1 1 5ls 5 1 1 5ls mi 6 1 -8 1oi 1 1 -4su 0 1 1 -4st 0 1 1 -4sk 0 2 1 -4si 0 1 1 -4sj 0 1 1 -4sc 0 1 1 -4ro 0 1 1 r7n 7 17 1 -2bk 2 3 1 -2bk 8w 23 2 1 6 1 1 -1m 4 1c 2 1 9 8 1 -8 8 6 1 -8 a 8 1 -8 8 8 1 -8 8 6 1 -8 b 4 2 -8 8 8 1 -8 20 2 1 -8 0 2 1 -22 2 1 1 -5j9 9 4 1 -2e c 2 1 -8 0 2 1 -2s c 2 1 -8 0 2 1 -34 0 1 1 -7 b 2 1 -3k 0 2 1 -3i 8a 1 1 -5st 3 1 1 -6gv 0 1 1 -6di 6 1 1 s 19 g 1 g j 1 1 1 mq q 1 q 1f4 1c 1 1c 1c 1 1 1 1 1 1 -8af 0 1 1 -2xy 0 1 1 -89z 2 3 2 1 1 1 1 -8bg 0 1 1 -8al 0 1 1 -8bj 0 1 1 -8bi 1 1 1 1 2 1 1 1 8 2 1 -8cf 0 1e 2 1 8 2 2 1 4 1 1 1 nyl n 2 1 j e 2 1 3r 7 2 1 3 v 2 1 a 2 2 1 1 1 1 -r9g 0 5 2 1 4 1 1 1 1 1 1 -wmg 2 2 2 1 3 a 2 1 1 1 1 -wn8 0 1 1 -wnj 0 1 1 -wnf 0 1 1 -wn5 0 1 1 -wn8 1 1 1 -wlu 0 1 1 -wmi 0 1 1 -wlx 0 1 1 ps 0 8 2 1 1 1 1 -1c 0 1 1 -wn7 0 1 1 -raw 0 2 2 1 6 1 1 1 5 2 2 1 s 1 1 1 oq 28 1 -tzk ggx q 1 w xx 14 1 14 3s 10 1 14 4c b 1 13 1 f 1 13 1 7 1 13 1 2 1 13 1d6 1f 1 1s 2ct w 1 w gw0 w 1 w o80 y 1 y',
    'M_LOWER': '1t q 1 w 2t n 1 w 1 7 1 w x o 2 1 3 3 2 1 2 8 2 1 2 n 2 1 1 1 1 -3d 0 3 2 1 3 1 1 5u 0 2 2 1 1 1 1 5q 0 1 1 1 1 2 1 5p 0 1 1 1 2 1 1 27 0 1 1 5m 0 1 1 5n 0 1 1 1 1 1 1 5p 0 1 1 5r 1 1 1 5v 0 1 1 5t 0 1 1 1 3 1 1 5v 0 1 1 5x 1 1 1 5y 0 3 2 1 1 1 1 62 0 1 1 1 1 1 1 62 2 1 1 1 1 1 1 62 0 1 1 1 1 2 1 61 0 2 2 1 1 1 1 63 0 1 1 1 3 1 1 1 7 1 1 2 0 1 1 1 1 1 1 2 0 1 1 1 1 1 1 2 0 9 2 1 2 9 2 1 2 1 1 2 0 2 2 1 1 1 1 -2p 0 1 1 -1k 0 k 2 1 1 1 1 -3m 1 9 2 1 7 1 1 8bv 0 1 1 1 1 1 1 -4j 0 1 1 8bs 2 1 1 1 1 1 1 -5f 0 1 1 1x 0 1 1 1z 0 5 2 1 81 2 2 1 3 1 1 1 8 1 1 38 6 1 1 12 1 3 1 11 1 1 1 1s 1 2 1 1r 1 h 1 w 1 9 1 w z 1 1 8 8 c 2 1 5 1 1 -1o 2 1 1 1 1 1 1 -7 0 1 1 1 2 3 1 -3m 0 g 1 28 0 w 1 w 1c h 2 1 9 r 2 1 1 1 1 f 0 7 2 1 2 1c 2 1 2 12 1 1c 289 12 1 5ls 1 1 1 5ls 5 1 1 5ls k2 28 1 tzk 0 6 1 8 1p6 17 1 -2bk 2 3 1 -2bk 8w 23 2 1 9 1 1 -5vj 1 1c 2 1 9 8 1 -8 8 6 1 -8 a 8 1 -8 8 8 1 -8 8 6 1 -8 b 4 2 -8 8 8 1 -8 o 8 1 -8 8 8 1 -8 8 8 1 -8 8 2 1 -8 0 2 1 -22 0 1 1 -9 b 4 1 -2e 0 1 1 -9 b 2 1 -8 0 2 1 -2s c 2 1 -8 0 2 1 -34 0 1 1 -7 b 2 1 -3k 0 2 1 -3i 0 1 1 -9 89 1 1 -5st 3 1 1 -6gv 0 1 1 -6di 6 1 1 s 19 g 1 g j 1 1 1 mq q 1 q 1f4 1c 1 1c 1c 1 1 1 1 1 1 -8af 0 1 1 -2xy 0 1 1 -89z 2 3 2 1 1 1 1 -8bg 0 1 1 -8al 0 1 1 -8bj 0 1 1 -8bi 1 1 1 1 2 1 1 1 8 2 1 -8cf 0 1e 2 1 8 2 2 1 4 1 1 1 nyl n 2 1 j e 2 1 3r 7 2 1 3 v 2 1 a 2 2 1 1 1 1 -r9g 0 5 2 1 4 1 1 1 1 1 1 -wmg 2 2 2 1 3 a 2 1 1 1 1 -wn8 0 1 1 -wnj 0 1 1 -wnf 0 1 1 -wn5 0 1 1 -wn8 1 1 1 -wlu 0 1 1 -wmi 0 1 1 -wlx 0 1 1 ps 0 8 2 1 1 1 1 -1c 0 1 1 -wn7 0 1 1 -raw 0 2 2 1 6 1 1 1 5 2 2 1 s 1 1 1 h7v q 1 w xx 14 1 14 3s 10 1 14 4c b 1 13 1 f 1 13 1 7 1 13 1 2 1 13 1d6 1f 1 1s 2ct w 1 w gw0 w 1 w o80 y 1 y',
    'M_TITLE': '2p q 1 -w 1m 1 1 kn 16 n 1 -w 1 7 1 -w 0 1 1 3d 1 o 2 -1 1 1 1 -6g 1 3 2 -1 2 8 2 -1 2 n 2 -1 2 3 2 -1 0 1 1 -8c 0 1 1 5f 2 2 2 -1 2 1 1 -1 3 1 1 -1 5 1 1 -1 2 1 1 2p 3 1 1 -1 0 1 1 4j 3 1 1 3m 2 3 2 -1 2 1 1 -1 4 1 1 -1 2 1 1 -1 3 2 2 -1 2 1 1 -1 3 1 1 -1 1 1 1 1k 4 1 1 1 1 1 1 -1 0 1 1 1 1 1 1 -1 0 1 1 1 1 9 2 -1 0 1 1 -27 1 9 2 -1 1 1 1 1 1 2 2 -1 3 k 2 -1 3 9 2 -1 8 1 1 -1 2 2 1 8cf 1 1 1 -1 4 5 2 -1 0 1 1 8bj 0 1 1 8bg 0 1 1 8bi 0 1 1 -5u 0 1 1 -5q 1 2 1 -5p 1 1 1 -5m 1 1 1 -5n 0 1 1 wnj 3 1 1 -5p 0 1 1 wnf 1 1 1 -5r 1 1 1 wmg 0 1 1 wn8 1 1 1 -5t 0 1 1 -5v 0 1 1 wn8 0 1 1 8af 0 1 1 wn5 2 1 1 -5v 1 1 1 8al 0 1 1 -5x 2 1 1 -5y 7 1 1 89z 2 1 1 -62 1 1 1 wn7 0 1 1 -62 3 1 1 wmi 0 1 1 -62 0 1 1 -1x 0 2 1 -61 0 1 1 -1z 5 1 1 -63 a 1 1 wlx 0 1 1 wlu 4m 1 1 2c 17 2 2 -1 3 1 1 -1 3 3 1 3m 1a 1 1 -12 0 3 1 -11 1 h 1 -w 0 1 1 -v 0 9 1 -w 0 1 1 -1s 0 2 1 -1r 1 1 1 -1q 0 1 1 -1l 3 1 1 -1b 0 1 1 -1i 0 1 1 -8 1 c 2 -1 0 1 1 -2e 0 1 1 -28 0 1 1 7 0 1 1 -38 1 1 1 -2o 2 1 1 -1 2 1 1 -1 1g w 1 -w 0 g 1 -28 1 h 2 -1 9 r 2 -1 2 7 2 -1 0 1 1 -f 1 1c 2 -1 1d 12 1 -1c 2up 6 1 -8 1oi 1 1 -4tq 0 1 1 -4tp 0 1 1 -4tg 0 2 1 -4te 0 1 1 -4tf 0 1 1 -4t8 0 1 1 -4rp 0 1 1 r7m 6o 1 1 r9g 3 1 1 2xy g 1 1 raw 36 23 2 -1 5 1 1 -1n 5 1c 2 -1 0 8 1 8 8 6 1 8 a 8 1 8 8 8 1 8 8 6 1 8 b 4 2 8 8 8 1 8 8 2 1 22 0 4 1 2e 0 2 1 2s 0 2 1 3k 0 2 1 34 0 2 1 3i 2 8 1 8 8 8 1 8 8 8 1 8 8 2 1 8 1 1 1 9 a 1 1 -5k5 4 1 1 9 c 2 1 8 e 2 1 8 3 1 1 7 d 1 1 9 9m 1 1 -s x g 1 -g 4 1 1 -1 nf q 1 -q 1fq 1c 1 -1c 1 1 1 -1 3 1 1 -8bv 0 1 1 -8bs 1 3 2 -1 6 1 1 -1 2 1 1 -1 a 1e 2 -1 8 2 2 -1 4 1 1 -1 c 12 1 -5ls 1 1 1 -5ls 5 1 1 -5ls nwz n 2 -1 j e 2 -1 3r 7 2 -1 3 v 2 -1 a 2 2 -1 2 5 2 -1 4 1 1 -1 4 2 2 -1 0 1 1 1c 2 a 2 -1 b 8 2 -1 4 2 2 -1 6 1 1 -1 5 2 2 -1 s 1 1 -1 nw 1 1 -ps s 28 1 -tzk ght q 1 -w y5 14 1 -14 3s 10 1 -14 4b b 1 -13 1 f 1 -13 1 7 1 -13 1 2 1 -13 1dv 1f 1 -1s 2bx w 1 -w gw0 w 1 -w o82 y 1 -y',
    'M_UPPER': '2p q 1 -w 1m 1 1 kn 16 n 1 -w 1 7 1 -w 0 1 1 3d 1 o 2 -1 1 1 1 -6g 1 3 2 -1 2 8 2 -1 2 n 2 -1 2 3 2 -1 0 1 1 -8c 0 1 1 5f 2 2 2 -1 2 1 1 -1 3 1 1 -1 5 1 1 -1 2 1 1 2p 3 1 1 -1 0 1 1 4j 3 1 1 3m 2 3 2 -1 2 1 1 -1 4 1 1 -1 2 1 1 -1 3 2 2 -1 2 1 1 -1 3 1 1 -1 1 1 1 1k 5 1 1 -1 0 1 1 -2 1 1 1 -1 0 1 1 -2 1 1 1 -1 0 1 1 -2 1 8 2 -1 0 1 1 -27 1 9 2 -1 2 1 1 -1 0 1 1 -2 1 1 1 -1 3 k 2 -1 3 9 2 -1 8 1 1 -1 2 2 1 8cf 1 1 1 -1 4 5 2 -1 0 1 1 8bj 0 1 1 8bg 0 1 1 8bi 0 1 1 -5u 0 1 1 -5q 1 2 1 -5p 1 1 1 -5m 1 1 1 -5n 0 1 1 wnj 3 1 1 -5p 0 1 1 wnf 1 1 1 -5r 1 1 1 wmg 0 1 1 wn8 1 1 1 -5t 0 1 1 -5v 0 1 1 wn8 0 1 1 8af 0 1 1 wn5 2 1 1 -5v 1 1 1 8al 0 1 1 -5x 2 1 1 -5y 7 1 1 89z 2 1 1 -62 1 1 1 wn7 0 1 1 -62 3 1 1 wmi 0 1 1 -62 0 1 1 -1x 0 2 1 -61 0 1 1 -1z 5 1 1 -63 a 1 1 wlx 0 1 1 wlu 4m 1 1 2c 17 2 2 -1 3 1 1 -1 3 3 1 3m 1a 1 1 -12 0 3 1 -11 1 h 1 -w 0 1 1 -v 0 9 1 -w 0 1 1 -1s 0 2 1 -1r 1 1 1 -1q 0 1 1 -1l 3 1 1 -1b 0 1 1 -1i 0 1 1 -8 1 c 2 -1 0 1 1 -2e 0 1 1 -28 0 1 1 7 0 1 1 -38 1 1 1 -2o 2 1 1 -1 2 1 1 -1 1g w 1 -w 0 g 1 -28 1 h 2 -1 9 r 2 -1 2 7 2 -1 0 1 1 -f 1 1c 2 -1 1d 12 1 -1c 289 17 1 2bk 2 3 1 2bk l4 6 1 -8 1oi 1 1 -4tq 0 1 1 -4tp 0 1 1 -4tg 0 2 1 -4te 0 1 1 -4tf 0 1 1 -4t8 0 1 1 -4rp 0 1 1 r7m 6o 1 1 r9g 3 1 1 2xy g 1 1 raw 36 23 2 -1 5 1 1 -1n 5 1c 2 -1 0 8 1 8 8 6 1 8 a 8 1 8 8 8 1 8 8 6 1 8 b 4 2 8 8 8 1 8 8 2 1 22 0 4 1 2e 0 2 1 2s 0 2 1 3k 0 2 1 34 0 2 1 3i 1e 2 1 8 c 1 1 -5k5 h 2 1 8 e 2 1 8 3 1 1 7 a0 1 1 -s x g 1 -g 4 1 1 -1 nf q 1 -q 1fq 1c 1 -1c 1 1 1 -1 3 1 1 -8bv 0 1 1 -8bs 1 3 2 -1 6 1 1 -1 2 1 1 -1 a 1e 2 -1 8 2 2 -1 4 1 1 -1 c 12 1 -5ls 1 1 1 -5ls 5 1 1 -5ls nwz n 2 -1 j e 2 -1 3r 7 2 -1 3 v 2 -1 a 2 2 -1 2 5 2 -1 4 1 1 -1 4 2 2 -1 0 1 1 1c 2 a 2 -1 b 8 2 -1 4 2 2 -1 6 1 1 -1 5 2 2 -1 s 1 1 -1 nw 1 1 -ps s 28 1 -tzk ght q 1 -w y5 14 1 -14 3s 10 1 -14 4b b 1 -13 1 f 1 -13 1 7 1 -13 1 2 1 -13 1dv 1f 1 -1s 2bx w 1 -w gw0 w 1 -w o82 y 1 -y',
    'S_ALPHA': '1t q 1 6 q 1 1b 1 1 a 1 1 4 1 1 5 n 1 1 v 1 1 cq 1 4 c 1 e 5 1 7 1 1 1 1 1 3l 5 1 1 2 1 2 4 1 1 1 1 6 1 1 1 3 1 1 1 1 1 k 1 1 2b 1 1 3v 1 8 4m 1 1 12 1 2 1 1 6 15 1 1z r 1 4 4 1 19 17 1 z 2 1 1 2r 1 1 1 1 f 2 1 7 2 1 a 3 1 2 1 1 g 1 1 1 u 1 t 2h 1 b 1 1 o x 1 9 2 1 4 1 1 5 m 1 4 1 1 9 1 1 3 1 1 n p 1 7 b 1 5 o 1 1 6 1 h 16 1 1m 1i 1 3 1 1 i 1 1 7 a 1 f g 1 4 8 1 2 2 1 2 m 1 1 7 1 1 1 1 3 4 1 3 1 1 g 1 1 d 2 1 1 3 1 e 2 1 a 1 1 8 6 1 4 2 1 2 m 1 1 7 1 1 2 1 1 2 1 1 2 1 v 4 1 1 1 1 j 3 1 g 9 1 1 3 1 1 m 1 1 7 1 1 2 1 1 5 1 3 1 1 i 1 1 f 2 1 n 1 1 b 8 1 2 2 1 2 m 1 1 7 1 1 2 1 1 5 1 3 1 1 u 2 1 1 3 1 f 1 1 h 1 1 1 6 1 3 3 1 1 4 1 3 2 1 1 1 1 1 2 1 3 2 1 3 3 1 3 c 1 m 1 1 1g 8 1 1 3 1 1 n 1 1 g 1 3 1 1 q 3 1 2 1 1 2 2 1 u 1 1 4 8 1 1 3 1 1 n 1 1 a 1 1 5 1 3 1 1 v 2 1 1 2 1 f 2 1 h 9 1 1 3 1 1 15 1 2 1 1 g 1 1 5 3 1 8 3 1 o 6 1 5 i 1 3 o 1 1 9 1 1 1 1 2 7 1 1m 1c 1 1 2 1 c 7 1 1m 2 1 1 1 1 1 5 1 1 o 1 1 1 1 1 a 1 1 2 1 9 1 1 2 5 1 1 1 1 l 4 1 w 1 1 1r 8 1 1 10 1 r 5 1 37 17 1 k 1 1 g 6 1 4 4 1 3 1 1 3 2 1 7 3 1 4 d 1 c 1 1 h 12 1 1 1 1 5 1 1 2 17 1 1 99 1 1 4 1 2 7 1 1 1 1 1 4 1 2 15 1 1 4 1 2 x 1 1 4 1 2 7 1 1 1 1 1 4 1 2 f 1 1 1l 1 1 4 1 2 1v 1 11 g 1 g 2e 1 2 6 1 3 h8 1 2 h 1 1 q 1 5 23 1 6 8 1 7 i 1 d j 1 e i 1 e d 1 1 3 1 f 1g 1 z 1 1 4 1 1 1v 2h 1 7 5 1 2 y 1 1 1 1 5 1y 1 a v 1 1d u 1 2 5 1 b 18 1 4 q 1 1i n 1 9 1h 1 2a 1 1 2l 1b 1 h 8 1 1i u 1 d 2 1 a 18 1 q 10 1 15 3 1 a 10 1 2 9 1 7 17 1 2 3 1 15 4 1 1 6 1 1 2 1 3 1 1 5 5c 1 1s 7q 1 2 6 1 2 12 1 2 6 1 2 8 1 1 4 2 0 u 1 2 1h 1 1 7 1 1 1 1 3 3 1 1 7 1 3 4 1 2 6 1 4 d 1 5 3 1 1 7 1 38 1 1 d 1 1 g d 1 2t 1 1 4 1 1 2 a 1 1 1 1 3 5 1 6 4 2 0 3 1 1 b 1 2 4 1 5 5 1 4 1 1 1g 2 1 22j 6d 1 6 4 1 3 2 1 c 12 1 1 1 1 5 1 1 2 1k 1 7 1 1 g n 1 9 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 28 1 1 d1 2 1 16 5 1 5 2 1 4 2e 1 6 3 1 1 2i 1 1 4 1 5 17 1 1 2m 1 h w 1 1c g 1 e8 534 1 1s h3h 1 1v 1a 1 2 7h 1 3 g 1 a 2 1 k 1b 1 g v 1 2 1y 1 1d 9 1 2 2v 1 2 1s 1 5 2 1 1 1 1 1 5 1 o g 1 1 3 1 1 4 1 1 n 1 t 1g 1 e 1e 1 1q 6 1 3 1 1 1 2 1 b s 1 a n 1 p t 1 7 1b 1 s 1 1 g 5 1 1 a 1 a 5 1 1 15 1 n 3 1 1 8 1 k n 1 3 1 1 3 1e 1 1 1 1 3 2 1 2 5 1 2 1 1 1 1 1 o 3 1 2 b 1 7 3 1 c 6 1 2 6 1 2 6 1 9 7 1 1 7 1 1 17 1 1 e 1 6 37 1 t 8mc 1 c n 1 4 1d 1 6is a6 1 2 2y 1 12 7 1 c 5 1 5 1 1 1 a 1 1 d 1 1 5 1 1 1 1 1 2 1 1 2 1 1 30 1 x a3 1 i 1s 1 2 1i 1 14 c 1 38 5 1 1 3r 1 10 q 1 6 q 1 b 2h 1 3 6 1 2 6 1 2 6 1 2 3 1 z c 1 1 q 1 1 j 1 1 2 1 1 f 1 2 e 1 y 3f 1 at t 1 3 1d 1 1b w 1 d k 1 1 8 1 6 12 1 a u 1 2 10 1 4 8 1 1c 4e 1 i 10 1 4 10 1 4 14 1 8 1g 1 c b 1 1 f 1 1 7 1 1 2 1 1 b 1 1 f 1 1 7 1 1 2 1 1v 8n 1 9 m 1 a 8 1 o 6 1 1 16 1 1 9 1 1x 6 1 2 1 1 1 18 1 1 2 1 3 1 1 2 n 1 a n 1 9 v 1 1t j 1 1 2 1 a m 1 a q 1 1y 1k 1 6 2 1 1s 1 1 f 4 1 1 3 1 1 t 1 16 t 1 3 t 1 z 8 1 1 s 1 r 1i 1 a m 1 a j 1 d i 1 32 21 1 1j 1f 1 d 1f 1 d 10 1 9o 16 1 6 2 1 26 t 1 a 1 1 8 m 1 16 i 1 1a l 1 r n 1 c 1h 1 1l 2 1 2 1 1 d 19 1 w p 1 q 10 1 t 1 1 2 1 1 8 z 1 3 1 1 c 1c 1 e 4 1 l 1 1 1 1 1 z i 1 1 p 1 2c 7 1 1 1 1 1 4 1 1 f 1 1 a 1 7 1b 1 12 8 1 2 2 1 2 m 1 1 7 1 1 2 1 1 5 1 3 1 1 i 1 1 c 5 1 4e 1h 1 i 4 1 k 3 1 u 1c 1 k 2 1 1 1 1 54 1b 1 15 4 1 10 1c 1 k 1 1 1n 17 1 d 1 1 1z r 1 11 7 1 55 18 1 38 1s 1 v 8 1 2 1 1 2 8 1 1 2 1 1 o 1 f 1 1 1 1 1 2m 8 1 2 13 1 g 1 1 1 1 1 s 1 1 a 14 1 7 1 1 l 1 1 b 1a 1 j 1 1 i 21 1 7b 9 1 1 11 1 h 1 1 1d u 1 34 7 1 1 2 1 1 12 1 l 1 1 p 6 1 1 2 1 1 w 1 e 1 1 93 j 1 59 1 1 27 pm 1 6e 5g 1 218 2p 1 f tr 1 34h g7 1 6nt ft 1 7 v 1 h 27 1 h u 1 i 1c 1 g 4 1 v l 1 5 j 1 j4 1s 1 3k 23 1 5 1 1 1u d 1 1s 2 1 1 1 1 s 4qg 1 8 ye 1 16 9 1 6w7 4 1 1 7 1 1 2 1 1 83 1 19 3 1 h 4 1 8 b0 1 1s4 2z 1 5 d 1 3 9 1 7 a 1 4me 2d 1 1 1z 1 1 2 1 2 1 1 2 2 1 2 4 1 1 c 1 1 1 1 1 7 1 1 1t 1 1 4 1 2 8 1 1 7 1 1 s 1 1 4 1 1 5 1 1 1 1 3 7 1 1 9g 1 2 p 1 1 p 1 1 v 1 1 p 1 1 v 1 1 p 1 1 v 1 1 p 1 1 v 1 1 p 1 1 8 1 1f8 v 1 dd 19 1 a 7 1 g 1 1 8x u 1 i 18 1 z8 7 1 1 4 1 1 2 1 1 f 1 1 5h 1 1n 1w 1 7 1 1 xg 4 1 1 r 1 1 2 1 1 1 1 2 1 1 1 a 1 1 4 1 1 1 1 1 1 1 6 1 1 4 4 2 0 2 1 1 2 1 1 1 1 2 6 2 0 1 1 1 1 1 2 4 1 1 7 1 1 4 1 1 4 1 1 1 1 1 a 1 1 h 1 5 3 1 1 5 1 1 h 1 3es wyo 1 w 37d 1 7 66 1 2 4g2 1 e 5rl 1 2e7 f2 1 15u 3t7 1',
    'S_DECIMAL': '1c a 1 17q a 1 3q a 1 5i a 1 bg a 1 3a a 1 3a a 1 3a a 1 3a a 1 3a a 1 3a a 1 3a a 1 3a a 1 3a a 1 2o a 1 3a a 1 1y a 1 7q a 1 1y a 1 1fq a 1 12 a 1 8c a 1 3k a 1 4m a 1 6 a 1 52 a 1 2e a 1 3q a 1 6 a 1 r7q a 1 iu a 1 12 a 1 5i a 1 m a 1 2e a 1 ba a 1 geu a 1 13a a 1 1om a 1 mk a 1 3k a 1 1o a 1 40 a 1 7q a 1 9i a 1 3a a 1 ae a 1 2u a 1 2u a 1 bq a 1 2u a 1 l2 a 1 6u a 1 1y a 1 f5i a 1 2e a 1 3q a 1 lf8 1e 1 1ts a 1 bq a 1 192 a 1 3o6 a 1',
    'S_DIGIT': '1c a 1 3c 2 1 5 1 1 146 a 1 3q a 1 5i a 1 bg a 1 3a a 1 3a a 1 3a a 1 3a a 1 3a a 1 3a a 1 3a a 1 3a a 1 3a a 1 2o a 1 3a a 1 1y a 1 7q a 1 1y a 1 jz 9 1 vi a 1 12 a 1 8c a 1 3k b 1 4l a 1 6 a 1 52 a 1 2e a 1 3q a 1 6 a 1 t2 1 1 3 6 1 6 a 1 ra 9 1 b 9 1 b 9 1 2h 1 1 a 9 1 1 1 1 hi 9 1 1 9 1 1 9 1 ozx a 1 iu a 1 12 a 1 5i a 1 m a 1 2e a 1 ba a 1 geu a 1 13a a 1 13q 4 1 ks a 1 86 9 1 dl 9 1 b a 1 3k a 1 1o a 1 40 a 1 7q a 1 9i a 1 3a a 1 ae a 1 2u a 1 2u a 1 bq a 1 2u a 1 l2 a 1 6u a 1 1y a 1 f5i a 1 2e a 1 3q a 1 lf8 1e 1 1ts a 1 bq a 1 192 a 1 1ie b 1 25h a 1',
    'S_IDCONT': '1c a 1 7 q 1 4 1 1 1 q 1 1b 1 1 a 1 1 1 1 1 2 1 1 5 n 1 1 v 1 1 cq 1 4 c 1 e 5 1 7 1 1 1 1 1 h 39 1 1 2 1 3 3 1 1 1 1 6 5 1 1 1 1 1 k 1 1 2b 1 1 3v 1 1 5 1 2 4m 1 1 12 1 2 1 1 6 15 1 8 19 1 1 1 1 1 2 1 1 2 1 1 1 1 8 r 1 4 4 1 t b 1 5 22 1 4 2u 1 1 8 1 2 a 1 1 j 1 2 1 1 g 1n 1 2 2t 1 e 1i 1 4 1 1 2 1 1 2 1a 1 i s 1 4 b 1 5 o 1 1 6 1 9 22 1 1 3l 1 2 a 1 1 j 1 1 8 1 2 2 1 2 m 1 1 7 1 1 1 1 3 4 1 2 9 1 2 2 1 2 4 1 8 1 1 4 2 1 1 5 1 2 c 1 a 1 1 1 1 1 2 3 1 1 6 1 4 2 1 2 m 1 1 7 1 1 2 1 1 2 1 1 2 1 2 1 1 1 5 1 4 2 1 2 3 1 3 1 1 7 4 1 1 1 1 7 g 1 b 3 1 1 9 1 1 3 1 1 m 1 1 7 1 1 2 1 1 5 1 2 a 1 1 3 1 1 3 1 2 1 1 f 4 1 2 a 1 9 7 1 1 3 1 1 8 1 2 2 1 2 m 1 1 7 1 1 2 1 1 5 1 2 9 1 2 2 1 2 3 1 7 3 1 4 2 1 1 5 1 2 a 1 1 1 1 g 2 1 1 6 1 3 3 1 1 4 1 3 2 1 1 1 1 1 2 1 3 2 1 3 3 1 3 c 1 4 5 1 3 3 1 1 4 1 2 1 1 6 1 1 e a 1 g d 1 1 3 1 1 n 1 1 g 1 2 9 1 1 3 1 1 4 1 7 2 1 1 3 1 2 1 1 2 4 1 2 a 1 g 4 1 1 8 1 1 3 1 1 n 1 1 a 1 1 5 1 2 9 1 1 3 1 1 4 1 7 2 1 6 2 1 1 4 1 2 a 1 1 2 1 d d 1 1 3 1 1 1f 1 1 3 1 1 5 1 5 4 1 7 5 1 2 a 1 a 6 1 1 3 1 1 i 1 3 o 1 1 9 1 1 1 1 2 7 1 3 1 1 4 6 1 1 1 1 1 8 1 6 a 1 2 2 1 d 1m 1 5 f 1 1 a 1 13 2 1 1 1 1 1 5 1 1 o 1 1 1 1 1 n 1 2 5 1 1 1 1 1 6 1 2 a 1 2 4 1 w 1 1 n 2 1 6 a 1 b 3 2 4 a 1 1 10 1 4 k 1 1 i 1 1 10 1 9 1 1 1l 22 1 6 26 1 2 12 1 1 1 1 5 1 1 2 17 1 1 99 1 1 4 1 2 7 1 1 1 1 1 4 1 2 15 1 1 4 1 2 x 1 1 4 1 2 7 1 1 1 1 1 4 1 2 f 1 1 1l 1 1 4 1 2 1v 1 2 3 1 9 9 1 e g 1 g 2e 1 2 6 1 3 h8 1 2 h 1 1 q 1 5 23 1 3 b 1 7 m 1 9 m 1 b k 1 c d 1 1 3 1 1 2 1 c 2c 1 3 1 1 4 2 1 2 a 1 x 3 1 1 b 1 6 2h 1 7 17 1 5 1y 1 a v 1 1 c 1 4 c 1 a 14 1 2 5 1 b 18 1 4 q 1 6 b 1 11 s 1 4 1r 1 1 t 1 2 b 1 6 a 1 d 1 1 8 e 1 1 g 1 1d 25 1 3 a 1 h 9 1 c 38 1 c 1k 1 8 a 1 3 1d 1 2 9 1 7 17 1 2 3 1 g 3 1 1 13 1 5 eu 1 2 6 1 2 12 1 2 6 1 2 8 1 1 4 2 0 u 1 2 1h 1 1 7 1 1 1 1 3 3 1 1 7 1 3 4 1 2 6 1 4 d 1 5 3 1 1 7 1 1u 2 1 j 1 1 s 1 1 d 1 1 g d 1 1f d 1 4 1 1 3 c 1 h 1 1 4 1 1 2 a 1 1 1 1 2 6 1 6 4 2 0 f 1 2 4 1 5 5 1 4 1 1 h 15 1 22f 6d 1 6 9 1 c 12 1 1 1 1 5 1 1 2 1k 1 7 1 1 f o 1 9 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 w 1 ed 3 1 p f 1 1 5 1 2 5 1 4 2e 1 2 2 1 2 3 1 1 2i 1 1 4 1 5 17 1 1 2m 1 h w 1 1c g 1 e8 534 1 1s h3h 1 1v 1a 1 2 7h 1 3 s 1 k 1c 1 4 a 1 1 37 1 11 9 1 2 2v 1 2 1s 1 5 2 1 1 1 1 1 5 1 o 1i 1 4 1 1 j 1g 1 c 1y 1 a a 1 6 o 1 3 1 1 1 1d 1 2 10 1 c t 1 3 1t 1 e b 1 6 v 1 1 1j 1 9 e 1 2 a 1 6 n 1 3 21 1 o 3 1 2 g 1 2 5 1 a 6 1 2 6 1 2 6 1 9 7 1 1 7 1 1 17 1 1 e 1 6 3f 1 1 2 1 2 a 1 6 8mc 1 c n 1 4 1d 1 6is a6 1 2 2y 1 12 7 1 c 5 1 5 c 1 1 d 1 1 5 1 1 1 1 1 2 1 1 2 1 1 30 1 x 3v 1 6 62 1 i 1s 1 2 1i 1 14 a 1 6 g 1 g g 1 3 2 1 o 3 1 x 1 1 1 1 1 3 5 2 0 3h 1 j a 1 7 q 1 4 1 1 1 q 1 b 2h 1 3 6 1 2 6 1 2 6 1 2 3 1 z c 1 1 q 1 1 j 1 1 2 1 1 f 1 2 e 1 y 3f 1 1x 1h 1 3s 1 1 3m t 1 3 1d 1 f 1 1 v w 1 d u 1 5 17 1 5 u 1 2 10 1 4 8 1 1 5 1 16 4e 1 2 a 1 6 10 1 4 10 1 4 14 1 8 1g 1 c b 1 1 f 1 1 7 1 1 2 1 1 b 1 1 f 1 1 7 1 1 2 1 1v 8n 1 9 m 1 a 8 1 o 6 1 1 16 1 1 9 1 1x 6 1 2 1 1 1 18 1 1 2 1 3 1 1 2 n 1 a n 1 9 v 1 1t j 1 1 2 1 a m 1 a q 1 1y 1k 1 6 2 1 1s 4 1 1 2 1 5 8 1 1 3 1 1 t 1 2 3 1 4 1 1 w t 1 3 t 1 z 8 1 1 u 1 p 1i 1 a m 1 a j 1 d i 1 32 21 1 1j 1f 1 d 1f 1 d 14 1 8 a 1 92 16 1 1 2 1 3 2 1 26 t 1 a 1 1 8 x 1 v m 1 16 l 1 r n 1 9 1z 1 v g 1 9 1o 1 7 1 1 d p 1 7 a 1 6 1h 1 1 a 1 4 4 1 8 10 1 2 1 1 9 1x 1 4 4 1 1 d 1 1 1 1 z i 1 1 11 1 6 1 1 1t 7 1 1 1 1 1 4 1 1 f 1 1 a 1 7 1n 1 5 a 1 6 4 1 1 8 1 2 2 1 2 m 1 1 7 1 1 2 1 1 5 1 1 a 1 2 2 1 2 3 1 2 1 1 6 1 1 5 7 1 2 7 1 3 5 1 3v 23 1 5 a 1 4 4 1 u 1y 1 1 1 1 8 a 1 4m 1i 1 2 9 1 n 6 1 y 1t 1 3 1 1 b a 1 12 1l 1 7 a 1 1i r 1 2 f 1 4 a 1 6 7 1 55 1n 1 2t 22 1 l 8 1 2 1 1 2 8 1 1 2 1 1 u 1 1 2 1 2 9 1 c a 1 1y 8 1 2 1a 1 2 8 1 1 2 1 r 1r 1 8 1 1 8 22 1 3 1 1 i 21 1 7b 9 1 1 19 1 1 9 1 f a 1 o u 1 2 m 1 1 e 1 21 7 1 1 2 1 1 18 1 3 1 1 1 2 1 1 9 1 8 a 1 6 6 1 1 2 1 1 11 1 1 2 1 1 6 1 7 a 1 8m n 1 55 1 1 27 pm 1 2u 33 1 h 5g 1 218 2p 1 f tr 1 34h g7 1 6nt ft 1 7 v 1 1 a 1 6 27 1 1 a 1 6 u 1 2 5 1 b 1j 1 9 4 1 c a 1 9 l 1 5 j 1 j4 1s 1 3k 23 1 4 1l 1 7 h 1 1s 2 1 1 2 1 b 2 1 e 4qg 1 8 ye 1 16 9 1 6w7 4 1 1 7 1 1 2 1 1 83 1 19 3 1 h 4 1 8 b0 1 1s4 2z 1 5 d 1 3 9 1 7 a 1 3 2 1 3mp 1a 1 2 n 1 f2 5 1 3 6 1 8 8 1 2 7 1 u 4 1 44 3 1 cb 2d 1 1 1z 1 1 2 1 2 1 1 2 2 1 2 4 1 1 c 1 1 1 1 1 7 1 1 1t 1 1 4 1 2 8 1 1 7 1 1 s 1 1 4 1 1 5 1 1 1 1 3 7 1 1 9g 1 2 p 1 1 p 1 1 v 1 1 p 1 1 v 1 1 p 1 1 v 1 1 p 1 1 v 1 1 p 1 1 8 1 2 1e 1 e8 1j 1 4 1e 1 8 1 1 e 1 1 m 5 1 1 f 1 uo v 1 69 7 1 1 h 1 2 7 1 1 2 1 1 5 1 5x 19 1 3 e 1 2 a 1 4 1 1 8x v 1 h 1m 1 yu 7 1 1 4 1 1 2 1 1 f 1 1 5h 1 b 7 1 15 24 1 4 a 1 x2 4 1 1 r 1 1 2 1 1 1 1 2 1 1 1 a 1 1 4 1 1 1 1 1 1 1 6 1 1 4 4 2 0 2 1 1 2 1 1 1 1 2 6 2 0 1 1 1 1 1 2 4 1 1 7 1 1 4 1 1 4 1 1 1 1 1 a 1 1 h 1 5 3 1 1 5 1 1 h 1 2lw a 1 sm wyo 1 w 37d 1 7 66 1 2 4g2 1 e 5rl 1 2e7 f2 1 15u 3t7 1 fcmt 6o 1',
    'S_IDSTART': '1t q 1 4 1 1 1 q 1 1b 1 1 a 1 1 4 1 1 5 n 1 1 v 1 1 cq 1 4 c 1 e 5 1 7 1 1 1 1 1 3l 5 1 1 2 1 3 3 1 1 1 1 6 1 1 1 3 1 1 1 1 1 k 1 1 2b 1 1 3v 1 8 4m 1 1 12 1 2 1 1 6 15 1 1z r 1 4 4 1 19 17 1 z 2 1 1 2r 1 1 1 1 f 2 1 7 2 1 a 3 1 2 1 1 g 1 1 1 u 1 t 2h 1 b 1 1 o x 1 9 2 1 4 1 1 5 m 1 4 1 1 9 1 1 3 1 1 n p 1 7 b 1 5 o 1 1 6 1 h 16 1 1m 1i 1 3 1 1 i 1 1 7 a 1 f g 1 4 8 1 2 2 1 2 m 1 1 7 1 1 1 1 3 4 1 3 1 1 g 1 1 d 2 1 1 3 1 e 2 1 a 1 1 8 6 1 4 2 1 2 m 1 1 7 1 1 2 1 1 2 1 1 2 1 v 4 1 1 1 1 j 3 1 g 9 1 1 3 1 1 m 1 1 7 1 1 2 1 1 5 1 3 1 1 i 1 1 f 2 1 n 1 1 b 8 1 2 2 1 2 m 1 1 7 1 1 2 1 1 5 1 3 1 1 u 2 1 1 3 1 f 1 1 h 1 1 1 6 1 3 3 1 1 4 1 3 2 1 1 1 1 1 2 1 3 2 1 3 3 1 3 c 1 m 1 1 1g 8 1 1 3 1 1 n 1 1 g 1 3 1 1 q 3 1 2 1 1 2 2 1 u 1 1 4 8 1 1 3 1 1 n 1 1 a 1 1 5 1 3 1 1 v 2 1 1 2 1 f 2 1 h 9 1 1 3 1 1 15 1 2 1 1 g 1 1 5 3 1 8 3 1 o 6 1 5 i 1 3 o 1 1 9 1 1 1 1 2 7 1 1m 1c 1 1 1 1 d 7 1 1m 2 1 1 1 1 1 5 1 1 o 1 1 1 1 1 a 1 1 1 1 a 1 1 2 5 1 1 1 1 l 4 1 w 1 1 1r 8 1 1 10 1 r 5 1 37 17 1 k 1 1 g 6 1 4 4 1 3 1 1 3 2 1 7 3 1 4 d 1 c 1 1 h 12 1 1 1 1 5 1 1 2 17 1 1 99 1 1 4 1 2 7 1 1 1 1 1 4 1 2 15 1 1 4 1 2 x 1 1 4 1 2 7 1 1 1 1 1 4 1 2 f 1 1 1l 1 1 4 1 2 1v 1 11 g 1 g 2e 1 2 6 1 3 h8 1 2 h 1 1 q 1 5 23 1 3 b 1 7 i 1 d j 1 e i 1 e d 1 1 3 1 f 1g 1 z 1 1 4 1 1 1v 2h 1 7 15 1 1 1 1 5 1y 1 a v 1 1d u 1 2 5 1 b 18 1 4 q 1 1i n 1 9 1h 1 2a 1 1 2l 1b 1 h 8 1 1i u 1 d 2 1 a 18 1 q 10 1 15 3 1 a 10 1 2 9 1 7 17 1 2 3 1 15 4 1 1 6 1 1 2 1 3 1 1 5 5c 1 1s 7q 1 2 6 1 2 12 1 2 6 1 2 8 1 1 4 2 0 u 1 2 1h 1 1 7 1 1 1 1 3 3 1 1 7 1 3 4 1 2 6 1 4 d 1 5 3 1 1 7 1 38 1 1 d 1 1 g d 1 2t 1 1 4 1 1 2 a 1 1 1 1 2 6 1 6 4 2 0 f 1 2 4 1 5 5 1 4 1 1 h 15 1 22f 6d 1 6 4 1 3 2 1 c 12 1 1 1 1 5 1 1 2 1k 1 7 1 1 g n 1 9 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 fa 3 1 p 9 1 7 5 1 2 5 1 4 2e 1 6 3 1 1 2i 1 1 4 1 5 17 1 1 2m 1 h w 1 1c g 1 e8 534 1 1s h3h 1 1v 1a 1 2 7h 1 3 g 1 a 2 1 k 1b 1 g v 1 2 28 1 13 9 1 2 2v 1 2 1s 1 5 2 1 1 1 1 1 5 1 o g 1 1 3 1 1 4 1 1 n 1 t 1g 1 e 1e 1 1q 6 1 3 1 1 1 2 1 b s 1 a n 1 p t 1 7 1b 1 s 1 1 g 5 1 1 a 1 a 5 1 1 15 1 n 3 1 1 8 1 k n 1 3 1 1 3 1e 1 1 1 1 3 2 1 2 5 1 2 1 1 1 1 1 o 3 1 2 b 1 7 3 1 c 6 1 2 6 1 2 6 1 9 7 1 1 7 1 1 17 1 1 e 1 6 37 1 t 8mc 1 c n 1 4 1d 1 6is a6 1 2 2y 1 12 7 1 c 5 1 5 1 1 1 a 1 1 d 1 1 5 1 1 1 1 1 2 1 1 2 1 1 30 1 x 3v 1 6 62 1 i 1s 1 2 1i 1 14 a 1 3b 1 1 1 1 1 3 5 2 0 3h 1 10 q 1 6 q 1 b 1k 1 2 v 1 3 6 1 2 6 1 2 6 1 2 3 1 z c 1 1 q 1 1 j 1 1 2 1 1 f 1 2 e 1 y 3f 1 1x 1h 1 7f t 1 3 1d 1 1b w 1 d u 1 5 12 1 a u 1 2 10 1 4 8 1 1 5 1 16 4e 1 i 10 1 4 10 1 4 14 1 8 1g 1 c b 1 1 f 1 1 7 1 1 2 1 1 b 1 1 f 1 1 7 1 1 2 1 1v 8n 1 9 m 1 a 8 1 o 6 1 1 16 1 1 9 1 1x 6 1 2 1 1 1 18 1 1 2 1 3 1 1 2 n 1 a n 1 9 v 1 1t j 1 1 2 1 a m 1 a q 1 1y 1k 1 6 2 1 1s 1 1 f 4 1 1 3 1 1 t 1 16 t 1 3 t 1 z 8 1 1 s 1 r 1i 1 a m 1 a j 1 d i 1 32 21 1 1j 1f 1 d 1f 1 d 10 1 9o 16 1 6 2 1 26 t 1 a 1 1 8 m 1 16 i 1 1a l 1 r n 1 c 1h 1 1l 2 1 2 1 1 d 19 1 w p 1 q 10 1 t 1 1 2 1 1 8 z 1 3 1 1 c 1c 1 e 4 1 l 1 1 1 1 1 z i 1 1 p 1 2c 7 1 1 1 1 1 4 1 1 f 1 1 a 1 7 1b 1 12 8 1 2 2 1 2 m 1 1 7 1 1 2 1 1 5 1 3 1 1 i 1 1 c 5 1 4e 1h 1 i 4 1 k 3 1 u 1c 1 k 2 1 1 1 1 54 1b 1 15 4 1 10 1c 1 k 1 1 1n 17 1 d 1 1 1z r 1 11 7 1 55 18 1 38 1s 1 v 8 1 2 1 1 2 8 1 1 2 1 1 o 1 f 1 1 1 1 1 2m 8 1 2 13 1 g 1 1 1 1 1 s 1 1 a 14 1 7 1 1 l 1 1 b 1a 1 j 1 1 i 21 1 7b 9 1 1 11 1 h 1 1 1d u 1 34 7 1 1 2 1 1 12 1 l 1 1 p 6 1 1 2 1 1 w 1 e 1 1 93 j 1 59 1 1 27 pm 1 2u 33 1 h 5g 1 218 2p 1 f tr 1 34h g7 1 6nt ft 1 7 v 1 h 27 1 h u 1 i 1c 1 g 4 1 v l 1 5 j 1 j4 1s 1 3k 23 1 5 1 1 1u d 1 1s 2 1 1 1 1 s 4qg 1 8 ye 1 16 9 1 6w7 4 1 1 7 1 1 2 1 1 83 1 19 3 1 h 4 1 8 b0 1 1s4 2z 1 5 d 1 3 9 1 7 a 1 4me 2d 1 1 1z 1 1 2 1 2 1 1 2 2 1 2 4 1 1 c 1 1 1 1 1 7 1 1 1t 1 1 4 1 2 8 1 1 7 1 1 s 1 1 4 1 1 5 1 1 1 1 3 7 1 1 9g 1 2 p 1 1 p 1 1 v 1 1 p 1 1 v 1 1 p 1 1 v 1 1 p 1 1 v 1 1 p 1 1 8 1 1f8 v 1 dd 19 1 a 7 1 g 1 1 8x u 1 i 18 1 z8 7 1 1 4 1 1 2 1 1 f 1 1 5h 1 1n 1w 1 7 1 1 xg 4 1 1 r 1 1 2 1 1 1 1 2 1 1 1 a 1 1 4 1 1 1 1 1 1 1 6 1 1 4 4 2 0 2 1 1 2 1 1 1 1 2 6 2 0 1 1 1 1 1 2 4 1 1 7 1 1 4 1 1 4 1 1 1 1 1 a 1 1 h 1 5 3 1 1 5 1 1 h 1 3es wyo 1 w 37d 1 7 66 1 2 4g2 1 e 5rl 1 2e7 f2 1 15u 3t7 1',
    'S_IGNORABLE': '13 1 1 6 1 1 b 1 1 z 1 1 1 1 1 1z 1 1 4 1 1 1 1 1 4 1 1 2 2 1 dz 5c 1 4 2 1 4 1 1 9 2 1 1 1 1 6z 7 1 5r 1 1 5 1 1 1d 19 1 1 1 1 1 2 1 1 2 1 1 1 1 18 1 1 b 6 1 a b 1 1 1 1 z 1 1 a l 1 g 1 1 2t 8 1 1 a 1 1 4 1 x 1 1 1 1 1 u r 1 2j b 1 1m b 1 4 1 1 2 1 1 o o 1 17 3 1 18 1 1 7 2 1 6 8 1 15 1m 1 1j 1 1 1 1 1 4 8 1 4 1 1 3 7 1 a 2 1 d 1 1 f 1 1 1m 1 1 4 4 1 8 1 1 k 2 1 q 1 1 2 2 1 1l 1 1 4 2 1 4 2 1 2 3 1 3 1 1 u 2 1 3 1 1 b 2 1 1l 1 1 4 5 1 1 2 1 4 1 1 k 2 1 m 6 1 1 1 1 1m 1 1 2 1 1 1 4 1 8 1 1 7 2 1 b 2 1 u 1 1 1p 1 1 c 1 1 1e 1 1 3 1 1 1j 1 1 1 3 1 5 3 1 1 4 1 7 2 1 b 2 1 t 1 1 1m 1 1 2 1 1 6 1 1 5 2 1 k 2 1 s 2 1 1l 2 1 4 4 1 8 1 1 k 2 1 t 1 1 20 1 1 7 3 1 1 1 1 2i 1 1 2 7 1 b 9 1 2q 1 1 2 9 1 9 1 1 1 6 1 22 2 1 r 3 2 1j e 1 1 5 1 1 2 1 5 b 1 1 10 1 9 1 1 2u 4 1 1 6 1 1 2 1 2 2 1 p 2 1 4 3 1 g 4 1 d 1 1 2 2 1 6 1 1 f 1 1 2m 1 1 gw 3 1 qa 3 1 t 2 1 u 2 1 u 2 1 1s 2 1 1 7 1 8 1 1 2 b 1 3 1 1 5 1 1 19 5 1 1f 1 1 1t 2 1 y 1 1 3a 3 1 4 2 1 9 1 1 6 3 1 63 2 1 2 1 1 1m 1 1 1 7 1 1 1 1 1 1 1 2 8 1 6 a 1 2 1 1 13 1 1 8 v 1 1d 4 1 1c 1 1 1 5 1 1 1 1 5 1 1 14 9 1 c 2 1 w 4 1 2 2 1 1 3 1 1k 1 1 1 2 1 3 1 1 1 3 1 1m 8 1 2 2 1 1s 6 1 2a 3 1 1 d 1 1 7 1 4 1 1 6 1 1 3 2 1 1e 1r 1 d 1 1 y 2t 1 cd 1 1 1 3 1 b 3 1 d 3 1 d 3 1 d 2 1 c 5 1 8 2 1 a 1 1 2 1 1 2 5 1 1d 5 1 1 a 1 1 1 1 d 1 1 g d 1 1f x 1 2a3 2 1 35 3 1 3h 1 1 f 1 1 2o w 1 1b 1 1 d1 1 1 10 4 1 3 5 1 5 1 1 2l 6 1 2l 3 1 lxy 1 1 yq 6 1 7i 1 1 2q 4 1 1 a 1 1 1 1 s 4 1 28 2 1 e y 1 26 1 1 n 3 1 2v 3 1 3 2 1 8 1 1 3 1 1 4 1 1 p 2 1 5 1 1 47 2 1 q i 1 d 1 1 12 8 1 p b 1 1a 3 1 1c 1 1 2 4 1 2 2 1 h 1 1 l 2 1 1u 6 1 2 2 1 2 2 1 c 1 1 8 1 1 z 1 1 b 1 1 1f 1 1 1 3 1 2 2 1 5 2 1 1 1 1 r 1 1 e 2 1 5 2 1 1 1 1 2s 5 1 9 3 1 3d 1 1 2 1 1 4 1 1 fn4 1 1 43 h 1 fx g 1 3 1 1 c g 1 y 1 1 2 1 1 4p 1 1 7 1 1 6 1 1 b 1 1 z 1 1 1 1 1 1b 1 1 19 2 1 1v 1 1 l 3 1 e9 1 1 6a 1 1 45 5 1 sl 6 1 1 16 1 1 9 1 g6 3 1 1 2 1 5 4 1 14 3 1 4 1 1 4l 2 1 fx 4 1 ar 2 1 49 b 1 1d 4 1 3f 1 1 1i f 1 15 1 1 2 2 1 a 3 1 1d 4 1 2 2 1 2 1 1 4 1 1 a 1 1 1e 3 1 10 5 1 1 8 1 1q 1 1 c 2 1 1g 9 1 a 4 1 2 1 1 2n 3 1 2 1 1 1 2 1 6 1 1 4g 1 1 3 8 1 l 2 1 1l 2 1 3 1 1 11 7 1 3 5 1 5f 8 1 2 3 1 1 1 1 n 1 1 2c 6 1 1 1 1 4 2 1 1 2 1 6m 4 1 6 2 1 1 2 1 r 2 1 2d 8 1 2 1 1 1 2 1 2y 1 1 1 1 1 2 6 1 1 1 1 2t 3 1 2 4 1 1 5 1 77 9 1 1 2 1 74 2 1 1 1 1 4 1 1 40 4 1 2 2 1 4 1 1 w a 1 14 6 1 2 4 1 8 1 1 9 6 1 2 3 1 1a d 1 1 2 1 ba 7 1 1 6 1 1 1 1 2a m 1 2 7 1 1 2 1 1 2 1 3e 6 1 3 1 1 1 2 1 1 7 1 1 1 1 20 2 1 3 1 1 1 1 1 9n 2 1 46z 9 1 at3 5 1 1n 7 1 9 4 1 sr 1 1 1r h 1 1s 2 1 1 2 1 cnf 4 1 1 7 1 1 2 1 2hq 2 1 1 4 1 3mk 1a 1 2 n 1 f4 3 1 9 g 1 2 7 1 u 4 1 44 3 1 1iz 1j 1 4 1e 1 8 1 1 e 1 1 m 5 1 1 f 1 11s 7 1 1 h 1 2 7 1 1 2 1 1 5 1 79 e 1 a8 1 1 1p 4 1 15s 7 1 31 8 1 23z 5 1 gx6p 1 1 u 2o 1 3k 6o 1',
    'S_LOWER': '2p q 1 1b 1 1 a 1 1 4 1 1 10 o 1 1 8 1 1 s 2 0 9 2 0 o 2 2 3 2 0 2 1 2 1 1 1 1 1 2 1 1 3 2 1 4 1 1 2 1 1 3 3 1 2 1 1 2 3 2 2 1 1 1 2 1 1 1 1 2 1 1 3 1 1 1 1 1 2 2 1 2 3 1 6 1 1 2 1 1 2 9 2 0 a 2 0 1 1 2 1 1 1 1 1 3 u 2 0 6 1 2 1 1 2 2 1 1 1 1 4 5 2 0 1w 1 1 10 1 7 2 1 u 5 1 2o 1 1 17 1 1 1 1 1 3 1 1 2 4 1 i 1 1 r z 1 1 2 1 3 3 1 1 c 2 0 4 1 1 1 1 2 1 1 2 2 1 1f 1c 1 1 h 2 9 r 2 2 7 2 0 1d 2 1c 15 1 287 17 1 2 3 1 l4 6 1 1oi 9 1 3b 5c 1 1t 23 2 0 8 1 1 1d 2 0 8 1 8 6 1 a 8 1 8 8 1 8 6 1 a 8 1 8 8 1 8 e 1 2 8 1 8 8 1 8 8 1 8 5 1 1 2 1 6 1 1 3 3 1 1 2 1 8 4 1 2 2 1 8 8 1 a 3 1 1 2 1 3d 1 1 d 1 1 g d 1 31 1 1 3 2 1 3 1 1 r 1 1 4 1 1 4 1 1 2 2 1 8 4 1 4 1 1 x g 1 4 1 1 nf q 1 1fq 1c 1 1 1 1 3 2 1 1 3 2 4 1 1 1 2 1 1 8 1 3 1e 2 0 1 1 7 1 1 1 1 1 4 1 1 c 12 1 1 1 1 5 1 1 nwz n 2 j e 2 0 2 1 3p 7 2 0 2 1 1 v 2 0 9 1 1 1 1 1 1 1 2 5 2 4 1 1 1 1 1 2 1 1 1 3 1 1 a 2 5 1 1 5 8 2 4 1 1 1 1 1 6 5 2 s 1 1 1 3 1 mt 17 1 1 d 1 7 28 1 fnk 7 1 c 5 1 tl q 1 y5 14 1 3s 10 1 4b b 1 1 f 1 1 7 1 1 2 1 cj 1 1 2 3 1 1 16 1 1 9 1 zp 1f 1 2bx w 1 gw0 w 1 k2i q 1 q 7 1 1 i 1 q q 1 q 4 1 1 1 1 1 7 1 1 b 1 q q 1 q q 1 q q 1 q q 1 q q 1 q q 1 q q 1 q q 1 q s 1 s p 1 1 6 1 q p 1 1 6 1 q p 1 1 6 1 q p 1 1 6 1 q p 1 1 6 1 1 1 1 1f8 a 1 1 k 1 1z7 y 1',
    'S_NUMERIC': '1c a 1 3c 2 1 5 1 1 2 3 1 141 a 1 3q a 1 5i a 1 bg a 1 3a a 1 4 6 1 30 a 1 3a a 1 3a a 1 2 6 1 32 d 1 37 a 1 8 7 1 2v a 1 2w 7 1 7 j 1 31 a 1 2o a 1 3a a 1 1y k 1 7g a 1 1y a 1 jz k 1 oh 3 1 6n a 1 6 a 1 m a 1 8c a 1 3k b 1 4l a 1 6 a 1 52 a 1 2e a 1 3q a 1 6 a 1 t2 1 1 3 6 1 6 a 1 5i 1f 1 2 5 1 k6 1o 1 26 m 1 hi u 1 12h 1 1 ll 1 1 p 9 1 e 3 1 9j 4 1 3u a 1 u 8 1 1 f 1 w a 1 13 f 1 91 1 1 3h 1 1 py 1 1 ma 1 1 3oy 1 1 2 1 1 3 1 1 1 1 1 2b 1 1 1a 1 1 7 1 1 1 1 1 14 2 1 u 1 1 8 1 1 10 1 1 2q 1 1 b7 1 1 1t 1 1 y 3 2 cz 1 1 1 3 1 6 1 1 38 4 1 ly 1 1 et 1 1 7 1 1 134 1 1 3n 2 1 c 3 1 1 1 1 rx 1 1 25 1 1 w5 1 1 1f7 1 1 wf 1 1 kn 1 1 1zb 1 1 px 1 1 1oh 1 1 4 1 1 3g 1 1 1rk 1 1 10 1 1 5 1 1 17 1 1 3h 1 1 2zt a 1 58 a 1 8w 6 1 4a a 1 12 a 1 5i a 1 m a 1 2e a 1 ba a 1 fap 1 1 7 1 1 4 1 1 1l 1 1 u 1 1 1 1 1 15 1 1 102 a 1 dp 19 1 c 1l 1 h 2 1 9h r 1 10 4 1 t 1 1 8 1 1 3q 5 1 5m a 1 q6 8 1 p 7 1 13 9 1 23 5 1 m 6 1 4g 2 1 2 g 1 2 1a 1 1s 9 1 1g 2 1 u 3 1 23 5 1 2w 8 1 o 8 1 15 7 1 96 6 1 1c a 1 86 v 1 4e a 1 16 4 1 34 7 1 3q u 1 3k a 1 1o a 1 40 a 1 7 k 1 6z a 1 9i a 1 3a a 1 ae a 1 2u a 1 2u c 1 bo j 1 2l a 1 l2 t 1 6b a 1 1y a 1 eu l 1 tn 33 1 dtd a 1 2e a 1 3q a 1 1 7 1 m6 n 1 jt5 k 1 30 p 1 ut 1e 1 1ts a 1 bq a 1 159 9 1 3k a 1 lz 1n 1 1 3 1 1 4 1 24 19 1 1 f 1 qq d 1 25f a 1 sn 1 1 2q 1 1 3h 1 1 1q 1 1 1l4 1 1 2g 1 1 8 1 1 f 1 1 99 1 1 i 1 1 r 1 1 4ty 1 1 16v 1 1 3gi 1 1 7rl 1 1 tnm 1 1',
    'S_PRINTABLE': 'w 2n 1 y c 1 1 ju 1 2 6 1 4 7 1 1 1 1 1 k 1 1 b1 1 1 12 1 2 1e 1 2 3 1 1 1j 1 8 r 1 4 6 1 h m 1 1 5c 1 1 1c 1 2 1n 1 2 2t 1 e 1n 1 2 1d 1 2 f 1 1 s 1 2 1 1 1 b 1 5 v 1 9 22 1 1 4h 1 1 8 1 2 2 1 2 m 1 1 7 1 1 1 1 3 4 1 2 9 1 2 2 1 2 4 1 8 1 1 4 2 1 1 5 1 2 p 1 2 3 1 1 6 1 4 2 1 2 m 1 1 7 1 1 2 1 1 2 1 1 2 1 2 1 1 1 5 1 4 2 1 2 3 1 3 1 1 7 4 1 1 1 1 7 h 1 a 3 1 1 9 1 1 3 1 1 m 1 1 7 1 1 2 1 1 5 1 2 a 1 1 3 1 1 3 1 2 1 1 f 4 1 2 c 1 7 7 1 1 3 1 1 8 1 2 2 1 2 m 1 1 7 1 1 2 1 1 5 1 2 9 1 2 2 1 2 3 1 7 3 1 4 2 1 1 5 1 2 i 1 a 2 1 1 6 1 3 3 1 1 4 1 3 2 1 1 1 1 1 2 1 3 2 1 3 3 1 3 c 1 4 5 1 3 3 1 1 4 1 2 1 1 6 1 1 e l 1 5 d 1 1 3 1 1 n 1 1 g 1 2 9 1 1 3 1 1 4 1 7 2 1 1 3 1 2 1 1 2 4 1 2 a 1 7 m 1 1 3 1 1 n 1 1 a 1 1 5 1 2 9 1 1 3 1 1 4 1 7 2 1 6 2 1 1 4 1 2 a 1 1 2 1 d d 1 1 3 1 1 1f 1 1 3 1 1 6 1 4 g 1 2 q 1 1 3 1 1 i 1 3 o 1 1 9 1 1 1 1 2 7 1 3 1 1 4 6 1 1 1 1 1 8 1 6 a 1 2 3 1 c 1m 1 4 t 1 11 2 1 1 1 1 1 5 1 1 o 1 1 1 1 1 n 1 2 5 1 1 1 1 1 6 1 2 a 1 2 4 1 w 20 1 1 10 1 4 13 1 1 10 1 1 f 1 1 d 1 11 5i 1 1 1 1 5 1 1 2 ah 1 1 4 1 2 7 1 1 1 1 1 4 1 2 15 1 1 4 1 2 x 1 1 4 1 2 7 1 1 1 1 1 4 1 2 f 1 1 1l 1 1 4 1 2 1v 1 2 w 1 3 q 1 6 2e 1 2 6 1 2 hs 1 1 s 1 3 2h 1 7 m 1 9 o 1 9 k 1 c d 1 1 3 1 1 2 1 c 2m 1 2 a 1 6 a 1 6 e 1 1 b 1 6 2h 1 7 17 1 5 1y 1 a v 1 1 c 1 4 c 1 4 1 1 3 16 1 2 5 1 b 18 1 4 q 1 6 b 1 3 1q 1 2 1t 1 1 t 1 2 b 1 6 a 1 6 e 1 2 v 1 1d 25 1 3 1b 1 1 38 1 8 1o 1 3 f 1 3 1o 1 7 17 1 2 b 1 8 17 1 5 eu 1 2 6 1 2 12 1 2 6 1 2 8 1 1 4 2 0 u 1 2 1h 1 1 f 1 1 e 1 2 6 1 1 j 1 2 3 1 1 9 1 h o 1 8 1b 1 h 2 1 2 r 1 1 d 1 3 x 1 f x 1 f 3w 1 4 if 1 p b 1 l 1ec 1 2 w 1 1 9p 1 5 19 1 1 1 1 5 1 1 2 1k 1 7 2 1 e o 1 9 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 7 1 1 3i 1 y q 1 1 2h 1 c 5y 1 q c 1 5 1r 1 1 2e 1 2 2v 1 5 17 1 1 2m 1 1 2c 1 c 1b 1 1 mlp 1 3 1j 1 9 9o 1 k 54 1 8 5n 1 5 2 1 1 1 1 1 5 1 o 1n 1 3 a 1 6 1k 1 8 1y 1 8 c 1 6 38 1 b u 1 3 26 1 1 b 1 4 x 1 1 1j 1 9 e 1 2 a 1 2 2v 1 o s 1 a 6 1 2 6 1 2 6 1 9 7 1 1 7 1 1 1o 1 4 3i 1 2 a 1 6 8mc 1 c n 1 4 1d 1 6is a6 1 2 2y 1 12 7 1 c 5 1 5 q 1 1 5 1 1 1 1 1 2 1 1 2 1 1 3h 1 g cd 1 2 1i 1 7 1 1 w 16 1 6 1f 1 1 j 1 1 4 1 4 5 1 1 3r 1 4 5a 1 3 6 1 2 6 1 2 6 1 2 3 1 3 7 1 1 7 1 d 2 1 2 c 1 1 q 1 1 j 1 1 2 1 1 f 1 2 e 1 y 3f 1 5 3 1 4 19 1 3 2g 1 1 d 1 3 1 1 1b 1a 1 3m t 1 3 1d 1 f s 1 4 10 1 9 u 1 5 17 1 5 u 1 1 11 1 4 e 1 16 4e 1 2 a 1 6 10 1 4 10 1 4 14 1 8 1g 1 b c 1 1 f 1 1 7 1 1 2 1 1 b 1 1 f 1 1 7 1 1 2 1 1v 8n 1 9 m 1 a 8 1 o 6 1 1 16 1 1 9 1 1x 6 1 2 1 1 1 18 1 1 2 1 3 1 1 2 n 1 1 20 1 8 9 1 1c j 1 1 2 1 5 x 1 3 r 1 5 1 1 1s 1k 1 4 k 1 2 1e 1 1 2 1 5 8 1 1 3 1 1 t 1 2 3 1 4 a 1 7 9 1 7 1s 1 w 13 1 4 c 1 9 1i 1 3 t 1 2 r 1 5 q 1 7 4 1 c 7 1 28 21 1 1j 1f 1 d 1f 1 7 1a 1 8 a 1 86 v 1 1 16 1 1 3 1 2 2 1 26 14 1 8 16 1 m q 1 12 s 1 k n 1 9 26 1 4 10 1 9 1q 1 1 5 1 d p 1 7 a 1 6 1h 1 1 i 1 8 13 1 9 2o 1 1 k 1 b i 1 1 18 1 1t 7 1 1 1 1 1 4 1 1 f 1 1 b 1 6 1n 1 5 a 1 6 4 1 1 8 1 2 2 1 2 m 1 1 7 1 1 2 1 1 5 1 1 a 1 2 2 1 2 3 1 2 1 1 6 1 1 5 7 1 2 7 1 3 5 1 3v 2k 1 1 5 1 u 20 1 8 a 1 4m 1i 1 2 12 1 y 1x 1 b a 1 6 d 1 j 1m 1 6 a 1 1i r 1 2 f 1 4 n 1 55 1o 1 2s 2b 1 c 8 1 2 1 1 2 8 1 1 2 1 1 u 1 1 2 1 2 c 1 9 a 1 1y 8 1 2 1a 1 2 b 1 r 20 1 8 2b 1 d 21 1 7b 9 1 1 19 1 1 e 1 a t 1 3 w 1 2 m 1 1 e 1 21 7 1 1 2 1 1 18 1 3 1 1 1 2 1 1 9 1 8 a 1 6 6 1 1 2 1 1 11 1 1 2 1 1 6 1 7 a 1 8m p 1 53 1 1 f 1e 1 d pn 1 2u 33 1 1 5 1 b 5g 1 218 2r 1 d tr 1 34h g7 1 6nt ft 1 7 v 1 1 a 1 4 29 1 1 a 1 6 u 1 2 6 1 a 1y 1 a a 1 1 7 1 1 l 1 5 j 1 j4 2j 1 2t 23 1 4 1l 1 7 h 1 1s 5 1 b 2 1 e 4qg 1 8 ye 1 16 9 1 6w7 4 1 1 7 1 1 2 1 1 83 1 19 3 1 h 4 1 8 b0 1 1s4 2z 1 5 d 1 3 9 1 7 a 1 2 4 1 3mo 1a 1 2 n 1 9 38 1 1o 6u 1 a 13 1 2 22 1 8 34 1 l 1y 1 4a k 1 c 2f 1 9 p 1 3r 2d 1 1 1z 1 1 2 1 2 1 1 2 2 1 2 4 1 1 c 1 1 1 1 1 7 1 1 1t 1 1 4 1 2 8 1 1 7 1 1 s 1 1 4 1 1 5 1 1 1 1 3 7 1 1 9g 1 2 84 1 2 ji 1 f 5 1 1 f 1 uo v 1 69 7 1 1 h 1 2 7 1 1 2 1 1 5 1 5x 19 1 3 e 1 2 a 1 4 2 1 8w v 1 h 1m 1 5 1 1 yo 7 1 1 4 1 1 2 1 1 f 1 1 5h 1 2 g 1 15 24 1 4 a 1 4 2 1 lt 1w 1 24 1p 1 5e 4 1 1 r 1 1 2 1 1 1 1 2 1 1 1 a 1 1 4 1 1 1 1 1 1 1 6 1 1 4 4 2 0 2 1 1 2 1 1 1 1 2 6 2 0 1 1 1 1 1 2 4 1 1 7 1 1 4 1 1 4 1 1 1 1 1 a 1 1 h 1 5 3 1 1 5 1 1 h 1 1g 2 1 7i 18 1 4 2s 1 c f 1 2 f 1 1 f 1 1 11 1 a 4u 1 1k t 1 d 18 1 4 9 1 7 2 1 e 6 1 4a rc 1 5 g 1 3 d 1 3 38 1 c 2h 1 7 c 1 4 1 1 f c 1 4 1k 1 8 a 1 6 14 1 8 u 1 2 2 1 26 9g 1 c e 1 2 5 1 3 5 1 3 7 1 9 t 1 3 b 1 5 6 1 a a 1 6 8 1 8 7 1 9 43 1 1 1j 1 11 a 1 sm wyo 1 w 37d 1 7 66 1 2 4g2 1 e 5rl 1 2e7 f2 1 15u 3t7 1 fcmt 6o 1',
    'S_SPACE': '9 5 1 e 5 1 2s 1 1 q 1 1 4bj 1 1 1vj b 1 t 2 1 5 1 1 1b 1 1 334 1 1',
    'S_TITLE': 'cl 1 1 2 1 1 2 1 1 12 1 1 5ud 8 1 8 8 1 8 8 1 c 1 1 f 1 1 1b 1 1',
    'S_UPPER': '1t q 1 2t n 1 1 7 1 x s 2 2 8 2 2 o 2 0 3 2 3 2 1 1 1 1 1 2 1 1 3 1 2 4 1 1 2 1 1 3 1 3 2 1 1 2 1 1 3 2 0 1 1 1 1 1 2 1 1 1 2 1 1 3 1 1 1 1 1 2 1 3 1 1 7 1 1 2 1 1 2 1 1 2 8 2 2 9 2 2 1 1 2 1 1 1 3 1 1 t 2 7 2 1 1 2 1 2 1 1 1 4 1 1 4 2 81 1 1 1 1 1 3 1 1 8 1 1 6 1 1 1 3 1 1 1 1 1 2 1 1 h 1 1 9 1 z 1 1 2 3 1 3 c 2 5 1 1 2 1 1 1 2 1 2 1f 1 1c h 2 9 s 2 0 7 2 2 1c 2 2 12 1 289 12 1 1 1 1 5 1 1 k2 2e 1 1p6 17 1 2 3 1 8w 23 2 9 1d 2 9 8 1 8 6 1 a 8 1 8 8 1 8 6 1 b 4 2 8 8 1 20 4 1 c 4 1 c 4 1 c 5 1 b 4 1 7a 1 1 4 1 1 3 3 1 2 3 1 2 1 1 3 5 1 6 4 2 0 3 1 2 4 1 a 2 1 5 1 1 q g 1 j 1 1 mq q 1 1f4 1c 1 1c 1 1 1 3 1 2 4 2 0 3 1 1 1 1 2 1 1 8 3 1 1 1d 2 8 1 1 1 1 1 4 1 1 nyl n 2 j e 2 3r 7 2 3 v 2 a 3 2 0 5 2 4 1 1 1 1 1 2 1 1 1 1 1 3 b 2 0 4 1 1 5 1 1 8 2 0 3 1 1 1 1 6 1 1 5 1 1 1 1 1 s 1 1 h7v q 1 xx 14 1 3s 10 1 4c b 1 1 f 1 1 7 1 1 2 1 1d6 1f 1 2ct w 1 gw0 w 1 k2o q 1 q q 1 q q 1 q 1 1 1 2 1 2 1 1 2 2 1 2 4 1 1 8 1 q q 1 q 2 1 1 4 1 2 8 1 1 7 1 r 2 1 1 4 1 1 5 1 1 1 1 3 7 1 r q 1 q q 1 q q 1 q q 1 q q 1 q q 1 u p 1 x p 1 x p 1 x p 1 x p 1 x 1 1 3ed y 1 1la q 1 6 q 1 6 q 1',
    'X_FOLD': 'ßss\x00İi̇\x00ŉʼn\x00ǰǰ\x00ΐΐ\x00ΰΰ\x00ևեւ\x00ẖẖ\x00ẗẗ\x00ẘẘ\x00ẙẙ\x00ẚaʾ\x00ẞss\x00ὐὐ\x00ὒὒ\x00ὔὔ\x00ὖὖ\x00ᾀἀι\x00ᾁἁι\x00ᾂἂι\x00ᾃἃι\x00ᾄἄι\x00ᾅἅι\x00ᾆἆι\x00ᾇἇι\x00ᾈἀι\x00ᾉἁι\x00ᾊἂι\x00ᾋἃι\x00ᾌἄι\x00ᾍἅι\x00ᾎἆι\x00ᾏἇι\x00ᾐἠι\x00ᾑἡι\x00ᾒἢι\x00ᾓἣι\x00ᾔἤι\x00ᾕἥι\x00ᾖἦι\x00ᾗἧι\x00ᾘἠι\x00ᾙἡι\x00ᾚἢι\x00ᾛἣι\x00ᾜἤι\x00ᾝἥι\x00ᾞἦι\x00ᾟἧι\x00ᾠὠι\x00ᾡὡι\x00ᾢὢι\x00ᾣὣι\x00ᾤὤι\x00ᾥὥι\x00ᾦὦι\x00ᾧὧι\x00ᾨὠι\x00ᾩὡι\x00ᾪὢι\x00ᾫὣι\x00ᾬὤι\x00ᾭὥι\x00ᾮὦι\x00ᾯὧι\x00ᾲὰι\x00ᾳαι\x00ᾴάι\x00ᾶᾶ\x00ᾷᾶι\x00ᾼαι\x00ῂὴι\x00ῃηι\x00ῄήι\x00ῆῆ\x00ῇῆι\x00ῌηι\x00ῒῒ\x00ΐΐ\x00ῖῖ\x00ῗῗ\x00ῢῢ\x00ΰΰ\x00ῤῤ\x00ῦῦ\x00ῧῧ\x00ῲὼι\x00ῳωι\x00ῴώι\x00ῶῶ\x00ῷῶι\x00ῼωι\x00ﬀff\x00ﬁfi\x00ﬂfl\x00ﬃffi\x00ﬄffl\x00ﬅst\x00ﬆst\x00ﬓմն\x00ﬔմե\x00ﬕմի\x00ﬖվն\x00ﬗմխ',
    'X_LOWER': 'İi̇',
    'X_TITLE': 'ßSs\x00ŉʼN\x00ǰJ̌\x00ΐΪ́\x00ΰΫ́\x00ևԵւ\x00ẖH̱\x00ẗT̈\x00ẘW̊\x00ẙY̊\x00ẚAʾ\x00ὐΥ̓\x00ὒΥ̓̀\x00ὔΥ̓́\x00ὖΥ̓͂\x00ᾲᾺͅ\x00ᾴΆͅ\x00ᾶΑ͂\x00ᾷᾼ͂\x00ῂῊͅ\x00ῄΉͅ\x00ῆΗ͂\x00ῇῌ͂\x00ῒΪ̀\x00ΐΪ́\x00ῖΙ͂\x00ῗΪ͂\x00ῢΫ̀\x00ΰΫ́\x00ῤΡ̓\x00ῦΥ͂\x00ῧΫ͂\x00ῲῺͅ\x00ῴΏͅ\x00ῶΩ͂\x00ῷῼ͂\x00ﬀFf\x00ﬁFi\x00ﬂFl\x00ﬃFfi\x00ﬄFfl\x00ﬅSt\x00ﬆSt\x00ﬓՄն\x00ﬔՄե\x00ﬕՄի\x00ﬖՎն\x00ﬗՄխ',
    'X_UPPER': 'ßSS\x00ŉʼN\x00ǰJ̌\x00ΐΪ́\x00ΰΫ́\x00ևԵՒ\x00ẖH̱\x00ẗT̈\x00ẘW̊\x00ẙY̊\x00ẚAʾ\x00ὐΥ̓\x00ὒΥ̓̀\x00ὔΥ̓́\x00ὖΥ̓͂\x00ᾀἈΙ\x00ᾁἉΙ\x00ᾂἊΙ\x00ᾃἋΙ\x00ᾄἌΙ\x00ᾅἍΙ\x00ᾆἎΙ\x00ᾇἏΙ\x00ᾈἈΙ\x00ᾉἉΙ\x00ᾊἊΙ\x00ᾋἋΙ\x00ᾌἌΙ\x00ᾍἍΙ\x00ᾎἎΙ\x00ᾏἏΙ\x00ᾐἨΙ\x00ᾑἩΙ\x00ᾒἪΙ\x00ᾓἫΙ\x00ᾔἬΙ\x00ᾕἭΙ\x00ᾖἮΙ\x00ᾗἯΙ\x00ᾘἨΙ\x00ᾙἩΙ\x00ᾚἪΙ\x00ᾛἫΙ\x00ᾜἬΙ\x00ᾝἭΙ\x00ᾞἮΙ\x00ᾟἯΙ\x00ᾠὨΙ\x00ᾡὩΙ\x00ᾢὪΙ\x00ᾣὫΙ\x00ᾤὬΙ\x00ᾥὭΙ\x00ᾦὮΙ\x00ᾧὯΙ\x00ᾨὨΙ\x00ᾩὩΙ\x00ᾪὪΙ\x00ᾫὫΙ\x00ᾬὬΙ\x00ᾭὭΙ\x00ᾮὮΙ\x00ᾯὯΙ\x00ᾲᾺΙ\x00ᾳΑΙ\x00ᾴΆΙ\x00ᾶΑ͂\x00ᾷΑ͂Ι\x00ᾼΑΙ\x00ῂῊΙ\x00ῃΗΙ\x00ῄΉΙ\x00ῆΗ͂\x00ῇΗ͂Ι\x00ῌΗΙ\x00ῒΪ̀\x00ΐΪ́\x00ῖΙ͂\x00ῗΪ͂\x00ῢΫ̀\x00ΰΫ́\x00ῤΡ̓\x00ῦΥ͂\x00ῧΫ͂\x00ῲῺΙ\x00ῳΩΙ\x00ῴΏΙ\x00ῶΩ͂\x00ῷΩ͂Ι\x00ῼΩΙ\x00ﬀFF\x00ﬁFI\x00ﬂFL\x00ﬃFFI\x00ﬄFFL\x00ﬅST\x00ﬆST\x00ﬓՄՆ\x00ﬔՄԵ\x00ﬕՄԻ\x00ﬖՎՆ\x00ﬗՄԽ',
}


_sets = {}
_maps = {}


def _set(name):
    r = _sets.get(name)
    if r is None:
        vals = [int(x, 36) for x in _TABLES['S_' + name].split()]
        starts = []
        runs = []
        end = 0
        for i in range(0, len(vals), 3):
            s = end + vals[i]
            end = s + (vals[i + 1] - 1) * vals[i + 2] + 1
            starts.append(s)
            runs.append((s, end, vals[i + 2]))
        r = _sets[name] = (starts, runs)
    return r


def _has(name, o):
    starts, runs = _set(name)
    lo = 0
    hi = len(starts)
    while lo < hi:
        mid = (lo + hi) >> 1
        if starts[mid] <= o:
            lo = mid + 1
        else:
            hi = mid
    if lo == 0:
        return False
    s, e, step = runs[lo - 1]
    return o < e and (o - s) % step == 0


def _map(name):
    m = _maps.get(name)
    if m is None:
        m = {}
        vals = [int(x, 36) for x in _TABLES['M_' + name].split()]
        end = 0
        for i in range(0, len(vals), 4):
            s = end + vals[i]
            n = vals[i + 1]
            step = vals[i + 2]
            d = vals[i + 3]
            for c in range(s, s + n * step, step):
                m[c] = chr(c + d)
            end = s + (n - 1) * step + 1
        for entry in _TABLES['X_' + name].split('\x00'):
            if entry:
                m[ord(entry[0])] = entry[1:]
        _maps[name] = m
    return m


def printable(o):
    return _has('PRINTABLE', o)


def _is_upper(o):
    return _has('UPPER', o)


def _is_lower(o):
    return _has('LOWER', o)


def _is_title(o):
    return _has('TITLE', o)


def _cased(o):
    return _has('UPPER', o) or _has('LOWER', o) or _has('TITLE', o)


def _sigma(s, i):
    # U+03A3 lowercases to final sigma after a cased letter that no cased
    # letter follows (case-ignorable characters in between are skipped).
    j = i - 1
    while j >= 0 and _has('IGNORABLE', ord(s[j])):
        j -= 1
    final = j >= 0 and _cased(ord(s[j]))
    if final:
        j = i + 1
        while j < len(s) and _has('IGNORABLE', ord(s[j])):
            j += 1
        final = j == len(s) or not _cased(ord(s[j]))
    return '\u03c2' if final else '\u03c3'


def _lower_at(s, i, m):
    c = s[i]
    if c == '\u03a3':
        return _sigma(s, i)
    return m.get(ord(c), c)


def upper(s):
    m = _map('UPPER')
    return ''.join([m.get(ord(c), c) for c in s])


def lower(s):
    m = _map('LOWER')
    if '\u03a3' not in s:
        return ''.join([m.get(ord(c), c) for c in s])
    s = list(s)  # indexed below: a list indexes in constant time, a str not
    return ''.join([_lower_at(s, i, m) for i in range(len(s))])


def casefold(s):
    m = _map('FOLD')
    return ''.join([m.get(ord(c), c) for c in s])


def swapcase(s):
    lo = _map('LOWER')
    up = _map('UPPER')
    s = list(s)
    out = []
    for i in range(len(s)):
        o = ord(s[i])
        if _is_upper(o):
            out.append(_lower_at(s, i, lo))
        elif _is_lower(o):
            out.append(up.get(o, s[i]))
        else:
            out.append(s[i])
    return ''.join(out)


def title(s):
    lo = _map('LOWER')
    ti = _map('TITLE')
    s = list(s)
    out = []
    prev = False
    for i in range(len(s)):
        o = ord(s[i])
        out.append(_lower_at(s, i, lo) if prev else ti.get(o, s[i]))
        prev = _cased(o)
    return ''.join(out)


def capitalize(s):
    if not s:
        return s
    lo = _map('LOWER')
    s = list(s)
    return _map('TITLE').get(ord(s[0]), s[0]) + ''.join(
        [_lower_at(s, i, lo) for i in range(1, len(s))])


def _all(s, name):
    if not s:
        return False
    for c in s:
        if not _has(name, ord(c)):
            return False
    return True


def isalpha(s):
    return _all(s, 'ALPHA')


def isdecimal(s):
    return _all(s, 'DECIMAL')


def isdigit(s):
    return _all(s, 'DIGIT')


def isnumeric(s):
    return _all(s, 'NUMERIC')


def isspace(s):
    return _all(s, 'SPACE')


def isprintable(s):
    for c in s:
        if not _has('PRINTABLE', ord(c)):
            return False
    return True


def isalnum(s):
    if not s:
        return False
    for c in s:
        o = ord(c)
        if not (_has('ALPHA', o) or _has('DECIMAL', o) or _has('DIGIT', o)
                or _has('NUMERIC', o)):
            return False
    return True


def isidentifier(s):
    if not s or not _has('IDSTART', ord(s[0])):
        return False
    for c in s[1:]:
        if not _has('IDCONT', ord(c)):
            return False
    return True


def isupper(s):
    cased = False
    for c in s:
        o = ord(c)
        if _is_lower(o) or _is_title(o):
            return False
        if not cased and _is_upper(o):
            cased = True
    return cased


def islower(s):
    cased = False
    for c in s:
        o = ord(c)
        if _is_upper(o) or _is_title(o):
            return False
        if not cased and _is_lower(o):
            cased = True
    return cased


def istitle(s):
    cased = False
    prev = False
    for c in s:
        o = ord(c)
        if _is_upper(o) or _is_title(o):
            if prev:
                return False
            prev = cased = True
        elif _is_lower(o):
            if not prev:
                return False
            prev = cased = True
        else:
            prev = False
    return cased
