# Configures, builds and runs a CMake example (find_package(Kiln) + kiln_add_model) and
# compares the accuracy it prints with examples/digits/expected_accuracy.txt.
# Invoked by CTest with -DSOURCE -DBINARY -DKILN_DIR -DDATA, and -DC_COMPILER (host
# builds) or -DTOOLCHAIN (a toolchain file, for cross builds) with -DEMULATOR (the command
# line that runs the target's programs here; empty: run them directly).
file(REMOVE_RECURSE "${BINARY}")
set(configure_args "-DKiln_DIR=${KILN_DIR}")
if(C_COMPILER)
  list(APPEND configure_args "-DCMAKE_C_COMPILER=${C_COMPILER}")
endif()
if(TOOLCHAIN)
  list(APPEND configure_args "-DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN}")
endif()
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${SOURCE}" -B "${BINARY}" -G Ninja ${configure_args}
  RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring ${SOURCE} failed")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BINARY}" RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building ${SOURCE} failed")
endif()
separate_arguments(emulator UNIX_COMMAND "${EMULATOR}")
execute_process(COMMAND ${emulator} "${BINARY}/digits" "${DATA}/digits_test.bin"
                OUTPUT_VARIABLE got RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
file(READ "${DATA}/expected_accuracy.txt" want)
string(STRIP "${want}" want)
message(STATUS "example: ${got}")
message(STATUS "python:  ${want}")
if(rc OR NOT got STREQUAL want)
  message(FATAL_ERROR "the CMake-built example printed '${got}', expected '${want}'")
endif()
