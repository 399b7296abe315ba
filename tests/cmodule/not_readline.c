/* A shared object named libreadline.so.8 that is not GNU readline: found
 * first through LD_LIBRARY_PATH, it stands for a broken or foreign install,
 * and the REPL must fall back to plain lines (tests/repl.test.cpp). */
int not_readline(void) { return 0; }
