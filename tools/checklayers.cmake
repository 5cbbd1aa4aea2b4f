# Checks the include rules between the project's folders; the build runs it (target
# check_layers) and fails with a list of offending lines. Usage:
#   cmake -DSOURCE_DIR=<repo> -P tools/checklayers.cmake
#
# A folder may include headers from itself and from the folders listed for it. "engine/*" means
# any engine folder. Engine folders may include no Qt header at all.
set(allowed_engine/report      "")
set(allowed_engine/core        "")
set(allowed_engine/scenario    "engine/core;engine/report")
set(allowed_engine/experiments "engine/core;engine/data;engine/report")
set(allowed_engine/data        "engine/core")
set(allowed_ui/simulation      "engine/*")
set(allowed_ui/views           "engine/*;ui/simulation")
set(allowed_ui/editing         "engine/*;ui/simulation;ui/views")
set(allowed_ui/media           "engine/*;ui/simulation;ui/views")
set(allowed_ui/results         "engine/*;ui/views")
set(allowed_ui/teaching        "engine/*;ui/simulation;ui/views;ui/editing")
set(allowed_ui/lab             "engine/*;ui/*")
set(allowed_app                "engine/*;ui/*")
set(allowed_python             "engine/*")  # the Python module: the engine alone, no Qt

if(NOT SOURCE_DIR)
  message(FATAL_ERROR "checklayers: pass -DSOURCE_DIR=<repository>")
endif()
file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
     ${SOURCE_DIR}/engine/*.h ${SOURCE_DIR}/engine/*.cpp ${SOURCE_DIR}/engine/*.in
     ${SOURCE_DIR}/ui/*.h ${SOURCE_DIR}/ui/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/app/*.cpp
     ${SOURCE_DIR}/python/*.h ${SOURCE_DIR}/python/*.cpp)

set(problems "")
foreach(source IN LISTS sources)
  # The folder that owns the file: engine/x, ui/x or app.
  string(REGEX MATCH "^(engine/[a-z]+|ui/[a-z]+|app|python)/" owner "${source}")
  if(NOT owner)
    string(APPEND problems "  ${source}: not inside a known folder (engine/<x>/, ui/<x>/, app/)\n")
    continue()
  endif()
  string(REGEX REPLACE "/$" "" owner "${owner}")
  if(NOT DEFINED allowed_${owner})
    string(APPEND problems "  ${source}: folder ${owner} has no rule in tools/checklayers.cmake\n")
    continue()
  endif()
  set(allowed "${owner};${allowed_${owner}}")
  file(STRINGS ${SOURCE_DIR}/${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*" "\\1" header "${line}")
    if(owner MATCHES "^(engine/|python$)" AND header MATCHES "^(Q[A-Za-z]*|qcustomplot\\.h)")
      string(APPEND problems "  ${source}: includes <${header}>, but the engine (and the Python module) use no Qt\n")
      continue()
    endif()
    if(NOT header MATCHES "^(engine|ui|app|python)/")
      continue()
    endif()
    string(REGEX MATCH "^(engine/[a-z]+|ui/[a-z]+|app|python)" target "${header}")
    string(REGEX MATCH "^[a-z]+" target_top "${target}")
    set(ok FALSE)
    foreach(rule IN LISTS allowed)
      if(rule STREQUAL target OR rule STREQUAL "${target_top}/*")
        set(ok TRUE)
      endif()
    endforeach()
    if(NOT ok)
      string(APPEND problems "  ${source}: includes \"${header}\", but ${owner} may not use ${target}\n")
    endif()
  endforeach()
endforeach()

if(problems)
  message(FATAL_ERROR "Include rules broken (see tools/checklayers.cmake):\n${problems}")
endif()
