# Warnings are errors in the project's own code only; no global flags (STYLE.md, "Build and format").
function(sentinela_target_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
    # GCC 12 at -O3 (the release preset) reports false -Wrestrict / -Wstringop-overflow /
    # -Warray-bounds inside libstdc++'s std::string (GCC bug 105329): they stay warnings, not
    # errors, since the fault is the compiler's.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(${target} PRIVATE -Wno-error=restrict -Wno-error=stringop-overflow
                                                 -Wno-error=array-bounds)
    endif()
    # GCC 12's -Wrestrict fires on ordinary std::string code (`s = "p"`, `"x" + std::to_string(n)`)
    # wherever inlining lands, pages of it in a release build; rewriting one site only moves it
    # to the next (GCC bug 105329). Off for GCC 12 alone; the two others never
    # fired in a full release build and stay on.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
       AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    target_compile_features(${target} PUBLIC cxx_std_20)
endfunction()

# The rule "no Qt in nlp, model, storage or the CLI" is enforced here at configure time, and again
# at test time by tests/architecture (ldd on the built CLI, #include scan of the sources).
function(sentinela_forbid_qt target)
    get_target_property(libs ${target} LINK_LIBRARIES)
    foreach(lib IN LISTS libs)
        if(lib MATCHES "^Qt")
            message(FATAL_ERROR "${target} links ${lib}: nlp, model, storage and the CLI must not use Qt")
        endif()
    endforeach()
endfunction()
