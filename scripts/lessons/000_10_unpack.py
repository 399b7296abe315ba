# Lesson 000 (concepts), python block 10 (NOTE on the `*` unpacking operator; plain Python), verbatim.
# It prints nothing.
def add(a, b, c):
    return a + b + c

numbers = [1, 2, 3]
result = add(*numbers)  # add(1, 2, 3) と同等
