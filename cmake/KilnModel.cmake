# kiln_add_model(<target> <model.onnx> [NAME <name>] [KILNC_FLAGS <flag>...])
#
# Compiles an ONNX model with kilnc when the model (or kilnc) changes, adds the
# object to <target>, puts the generated <name>.h on its include path and links
# the Kiln runtime. <name> (the symbol prefix: <name>_run, <name>_info) defaults
# to the model file's stem. The object is for KILN_TARGET (and KILN_MCPU) when set, e.g. by
# a cross-compiling toolchain file (see KilnConfig.cmake); KILNC_FLAGS come last and win.
function(kiln_add_model target model)
  cmake_parse_arguments(ARG "" "NAME" "KILNC_FLAGS" ${ARGN})
  get_filename_component(model_path "${model}" ABSOLUTE)
  get_filename_component(stem "${model}" NAME_WE)
  if(NOT ARG_NAME)
    string(MAKE_C_IDENTIFIER "${stem}" ARG_NAME)
  endif()
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/kiln_models")
  set(object "${dir}/${ARG_NAME}${CMAKE_C_OUTPUT_EXTENSION}")
  set(header "${dir}/${ARG_NAME}.h")
  set(target_flags)
  if(KILN_TARGET)
    list(APPEND target_flags "--target=${KILN_TARGET}")
  endif()
  if(KILN_MCPU)
    list(APPEND target_flags "--mcpu=${KILN_MCPU}")
  endif()
  add_custom_command(
    OUTPUT "${object}" "${header}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}"
    COMMAND "${KILN_KILNC}" "${model_path}" --name "${ARG_NAME}" -o "${object}"
            ${target_flags} ${ARG_KILNC_FLAGS}
    DEPENDS "${model_path}" "${KILN_KILNC}"
    COMMENT "Compiling ONNX model ${model} with kilnc"
    VERBATIM)
  set_source_files_properties("${object}" PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
  target_sources(${target} PRIVATE "${object}" "${header}")
  target_include_directories(${target} PRIVATE "${dir}")
  target_link_libraries(${target} PRIVATE kiln::kilnrt)
endfunction()
