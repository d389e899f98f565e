// Entry point for the libFuzzer targets. SwiftPM links executables with `main` aliased to `<Module>_main`, a
// symbol a library-mode Swift file does not emit; each target defines that symbol itself and hands over to
// libFuzzer's driver here.
#ifndef CFUZZ_H
#define CFUZZ_H

#include <stddef.h>
#include <stdint.h>

int cfuzz_run(int argc, char **argv, int (*test_one_input)(const uint8_t *data, size_t size));

#endif
