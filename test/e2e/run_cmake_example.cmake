# Configures, builds and runs examples/cmake (find_package(Kiln) + kiln_add_model)
# and compares the accuracy it prints with examples/digits/expected_accuracy.txt.
# Invoked by CTest with -DSOURCE -DBINARY -DKILN_DIR -DC_COMPILER -DDATA.
file(REMOVE_RECURSE "${BINARY}")
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${SOURCE}" -B "${BINARY}" -G Ninja
          "-DKiln_DIR=${KILN_DIR}" "-DCMAKE_C_COMPILER=${C_COMPILER}"
  RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring ${SOURCE} failed")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BINARY}" RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building ${SOURCE} failed")
endif()
execute_process(COMMAND "${BINARY}/digits" "${DATA}/digits_test.bin"
                OUTPUT_VARIABLE got RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
file(READ "${DATA}/expected_accuracy.txt" want)
string(STRIP "${want}" want)
message(STATUS "example: ${got}")
message(STATUS "python:  ${want}")
if(rc OR NOT got STREQUAL want)
  message(FATAL_ERROR "the CMake-built example printed '${got}', expected '${want}'")
endif()
