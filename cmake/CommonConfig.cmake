# One INTERFACE target carries the language standard, warnings and Qt strictness defines;
# every target in the project links it (after qBittorrent's CommonConfig.cmake).
add_library(ps_config INTERFACE)
target_compile_features(ps_config INTERFACE cxx_std_17)
target_compile_options(ps_config INTERFACE -Wall -Wextra -Wpedantic)
target_compile_definitions(ps_config INTERFACE
    QT_NO_KEYWORDS
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    PINGSWEEP_VERSION="${PROJECT_VERSION}")

if(PINGSWEEP_SANITIZE STREQUAL "")
    # Debian's hardening defaults (lintian asks for them): fortified libc calls where the
    # optimiser allows, and full RELRO with immediate binding.
    target_compile_definitions(ps_config INTERFACE $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
    target_link_options(ps_config INTERFACE -Wl,-z,relro,-z,now)
endif()

if(PINGSWEEP_SANITIZE STREQUAL "address")
    target_compile_options(ps_config INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined)
    target_link_options(ps_config INTERFACE -fsanitize=address,undefined)
elseif(PINGSWEEP_SANITIZE STREQUAL "thread")
    target_compile_options(ps_config INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
    target_link_options(ps_config INTERFACE -fsanitize=thread)
elseif(PINGSWEEP_SANITIZE STREQUAL "fuzzer")
    # Coverage for libFuzzer in every library; the fuzz executables add -fsanitize=fuzzer.
    target_compile_options(ps_config INTERFACE -fsanitize=fuzzer-no-link,address,undefined
        -fno-omit-frame-pointer)
    target_link_options(ps_config INTERFACE -fsanitize=address,undefined)
elseif(NOT PINGSWEEP_SANITIZE STREQUAL "")
    message(FATAL_ERROR "PINGSWEEP_SANITIZE must be empty, 'address', 'thread' or 'fuzzer'")
endif()
if(NOT PINGSWEEP_SANITIZE STREQUAL "")
    # Code that would skip a sanitizer's checks (a worker's fast _exit) does not, here.
    target_compile_definitions(ps_config INTERFACE PINGSWEEP_SANITIZED)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # Qt's logging macros use a GNU extension that -Wpedantic flags under clang.
    target_compile_options(ps_config INTERFACE -Wno-gnu-zero-variadic-macro-arguments)
endif()
