# Shows that the layering check (src/Layers.cmake) fails on a wrong include: it runs the
# check with the build's real layers on a small tree holding an include from core/ up to
# gui/, the stream -> cloud edge issue 21 removed, and a folder with no library, and
# expects each to be named; then on a tree whose one include points down, and expects a pass.
# cmake -DLAYERS=<layers.cmake> -DCHECKER=<src/Layers.cmake> -DWORK_DIR=<dir> -P LayeringSelfTest.cmake
cmake_minimum_required(VERSION 3.25)

function(run_check tree result_var output_var)
    execute_process(COMMAND ${CMAKE_COMMAND} -DLAYERS=${LAYERS} -DSOURCE_DIR=${tree} -P ${CHECKER}
        RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
    set(${result_var} ${result} PARENT_SCOPE)
    set(${output_var} "${out}${err}" PARENT_SCOPE)
endfunction()

set(bad ${WORK_DIR}/bad)
file(REMOVE_RECURSE ${WORK_DIR})
file(WRITE ${bad}/core/Upward.h "#pragma once\n#include \"gui/MainWindow.h\"\n")
file(WRITE ${bad}/stream/Sideways.cpp "#include \"registry/TopicFraming.h\"\n#include \"cloud/CloudTables.h\"\n")
file(WRITE ${bad}/nowhere/Orphan.h "#pragma once\n")
file(WRITE ${bad}/gui/Down.h "#pragma once\n#include \"core/Grid.h\"\n")
run_check(${bad} result output)
if(result EQUAL 0)
    message(FATAL_ERROR "the check passed a tree with upward includes:\n${output}")
endif()
foreach(expected
        "src/core/Upward.h includes \"gui/MainWindow.h\": pitwall_core does not link pitwall_gui"
        "src/stream/Sideways.cpp includes \"cloud/CloudTables.h\": pitwall_stream does not link pitwall_cloud"
        "src/nowhere/Orphan.h: folder nowhere/ has no library")
    string(FIND "${output}" "${expected}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the check did not say: ${expected}\nIt said:\n${output}")
    endif()
endforeach()
foreach(allowed "Down.h" "registry/TopicFraming.h")
    string(FIND "${output}" "${allowed}" at)
    if(NOT at EQUAL -1)
        message(FATAL_ERROR "the check refused an include that points down (${allowed}):\n${output}")
    endif()
endforeach()

set(good ${WORK_DIR}/good)
file(WRITE ${good}/gui/Down.h "#pragma once\n#include \"core/Grid.h\"\n#include \"view/RaceClock.h\"\n")
run_check(${good} result output)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "the check refused a tree whose includes point down:\n${output}")
endif()
message(STATUS "the layering check names upward includes and passes downward ones")
