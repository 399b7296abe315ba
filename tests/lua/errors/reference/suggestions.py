# The names CPython 3.13 suggests ("Did you mean: ...?") for a wrong name
# among candidates: suggestions.lua prints the same lines from luasync's
# hints (src/lua/hints.lua), for the same cases.
import _suggestions


def show(wrong, names):
    s = _suggestions._generate_suggestions(sorted(names), wrong)
    print(f"{wrong!r}: {s!r}" if s is not None else f"{wrong!r}: None")


api = ["sleep", "spawn", "create_task", "current_task", "all_tasks", "gather", "wait_for", "wait",
       "timeout", "shield", "as_completed", "TaskGroup", "Queue", "Lock", "Event", "Semaphore",
       "get_running_loop", "get_event_loop", "run", "to_thread", "open_connection", "start_server",
       "create_subprocess_exec", "create_subprocess_shell", "CancelledError", "TimeoutError"]
for wrong in ["curent_task", "slep", "sleeep", "Sleep", "SLEEP", "gahter", "create_Task", "taskgroup",
              "Taskgroup", "que", "Queu", "queue", "waitfor", "wait_fro", "get_runing_loop", "to_threads",
              "timeouts", "cancellederror", "Cancelled", "run", "x", "", "frobnicate", "open_conection"]:
    show(wrong, api)

# Edges: affixes, lengths around 40, the candidates' limit, ties, case flips.
show("b", ["ab"])
show("ab", ["abc", "abd"])
show("abc", ["ABC", "abd"])
show("Ab", ["AB", "ab"])
show("a" * 41 + "c", ["a" * 41 + "b"])
show("x" + "a" * 41, ["y" + "a" * 41])
show("x" * 41 + "a", ["y" * 41 + "a"])
show("abcdef", ["abcdefghijklmnop"])
show("n1y", ["n%d" % i for i in range(748)] + ["n1x"])
show("n1y", ["n%d" % i for i in range(749)] + ["n1x"])
show("print", ["print"])
show("pirnt", ["print", "pairs", "pcall", "rawprint"])

# Pseudo-random cases, generated the same way in both languages.
seed = 12345


def rand(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed // 65536 % n


def word(longest=8):
    alphabet = "abAB_c"
    return "".join(alphabet[rand(len(alphabet))] for _ in range(rand(longest)))


def mutate(w):
    # one to three edits: a character replaced, inserted, removed, or its
    # case flipped
    alphabet = "abAB_c"
    for _ in range(1 + rand(3)):
        i = rand(len(w) + 1)
        edit = rand(4)
        if edit == 0:
            w = w[:i] + alphabet[rand(len(alphabet))] + w[i + 1:]
        elif edit == 1:
            w = w[:i] + alphabet[rand(len(alphabet))] + w[i:]
        elif edit == 2:
            w = w[:i] + w[i + 1:]
        else:
            w = w[:i] + w[i:i + 1].swapcase() + w[i + 1:]
    return w


for _ in range(400):
    wrong = word()
    names = []
    for _ in range(1 + rand(6)):
        names.append(mutate(wrong) if rand(2) == 0 else word())
    show(wrong, names)

# Long words: the 40-character limit after the common ends, and rows that
# stop early.
for _ in range(150):
    wrong = word(48)
    names = []
    for _ in range(1 + rand(4)):
        names.append(mutate(wrong) if rand(2) == 0 else word(48))
    show(wrong, names)
