# Registers the behaviour tests: tests/lua/<area>/*.lua (ctest name
# lua/<area>/<name>), their CPython references in tests/lua/<area>/reference/,
# and the lessons and bridges in scripts/examples (see tests/CONVENTIONS.md).
file(GLOB LUA_BEHAVIOUR_TESTS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/lua/*/*.lua)
foreach(test ${LUA_BEHAVIOUR_TESTS})
  get_filename_component(name ${test} NAME_WE)
  get_filename_component(dir ${test} DIRECTORY)
  get_filename_component(area ${dir} NAME)
  if(area STREQUAL "lib")  # shared helpers (lib/show.lua, lib/cli.lua), not tests
    continue()
  endif()
  add_test(NAME lua/${area}/${name}
    COMMAND ${CMAKE_SOURCE_DIR}/tests/run_lua_test.sh $<TARGET_FILE:luasync> ${test})
  # A test that measures how the machine's cores are shared ("-- run: serial"
  # in its first lines) runs alone, not beside another test.
  file(STRINGS ${test} head LIMIT_COUNT 3)
  if(head MATCHES "-- run: serial")
    set_tests_properties(lua/${area}/${name} PROPERTIES RUN_SERIAL TRUE)
  endif()
endforeach()

set(PYTHON313 "$ENV{HOME}/.pyenv/versions/3.13.0/bin/python3")
file(GLOB LUA_REFERENCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/lua/*/reference/*.py)
if(EXISTS ${PYTHON313})
  foreach(ref ${LUA_REFERENCES})
    get_filename_component(name ${ref} NAME_WE)
    get_filename_component(dir ${ref} DIRECTORY)
    get_filename_component(dir ${dir} DIRECTORY)
    get_filename_component(area ${dir} NAME)
    add_test(NAME reference/${area}/${name}
      COMMAND ${CMAKE_SOURCE_DIR}/tests/run_reference.sh ${PYTHON313} ${ref})
  endforeach()
endif()

file(GLOB LUA_EXAMPLES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/scripts/examples/*.lua)
foreach(example ${LUA_EXAMPLES})
  get_filename_component(name ${example} NAME_WE)
  add_test(NAME example/${name}
    COMMAND ${CMAKE_SOURCE_DIR}/tests/run_lua_test.sh $<TARGET_FILE:luasync> ${example})
endforeach()

# The CPython reference tests again under Debian's lua5.4 (a test-only
# dependency), through the module for stock Lua (tests/module/host.lua runs
# each script as the task asyncio.run drives), and the module's own test.
find_program(LUA54 lua5.4)
if(NOT LUA54)
  set(LUA54 lua5.4)  # the tests fail, saying so: scripts/bootstrap installs it
endif()
foreach(test ${LUA_BEHAVIOUR_TESTS})
  get_filename_component(name ${test} NAME_WE)
  get_filename_component(dir ${test} DIRECTORY)
  get_filename_component(area ${dir} NAME)
  if(EXISTS ${dir}/reference/${name}.out)
    add_test(NAME module/${area}/${name}
      COMMAND ${CMAKE_SOURCE_DIR}/tests/run_module_test.sh ${LUA54} ${CMAKE_BINARY_DIR}/module ${test})
  endif()
endforeach()
set(module_preload "")
if(LUASYNC_SANITIZE)
  # The module is built with the sanitizers; lua5.4 is not: their runtime is
  # preloaded into it.
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so OUTPUT_VARIABLE LIBASAN
    OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libubsan.so OUTPUT_VARIABLE LIBUBSAN
    OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(module_preload "${LIBASAN}:${LIBUBSAN}")
  get_property(module_tests DIRECTORY PROPERTY TESTS)
  list(FILTER module_tests INCLUDE REGEX "^module/")
  set_property(TEST ${module_tests} APPEND PROPERTY ENVIRONMENT "MODULE_PRELOAD=${module_preload}")
endif()
add_test(NAME module/basics COMMAND env "LD_PRELOAD=${module_preload}" ${LUA54}
  ${CMAKE_SOURCE_DIR}/tests/module/module_basics.lua)
add_test(NAME module/docs_example COMMAND env "LD_PRELOAD=${module_preload}" ${LUA54}
  ${CMAKE_SOURCE_DIR}/tests/module/docs_example.lua ${CMAKE_SOURCE_DIR}/docs/lua-users.md)
set_tests_properties(module/basics module/docs_example PROPERTIES
  ENVIRONMENT "LUASYNC_MODULE_DIR=${CMAKE_BINARY_DIR}/module;LUASYNC_CMODULE_DIR=${CMAKE_BINARY_DIR}/cmodule")

# The bridges to other Lua event libraries (Debian's lua-socket, lua-cqueues,
# lua-luv: test-only dependencies that scripts/bootstrap installs).
file(GLOB LUA_BRIDGES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/scripts/examples/bridges/*.lua)
foreach(example ${LUA_BRIDGES})
  get_filename_component(name ${example} NAME_WE)
  add_test(NAME example/bridges/${name}
    COMMAND ${CMAKE_SOURCE_DIR}/tests/run_lua_test.sh $<TARGET_FILE:luasync> ${example})
endforeach()
