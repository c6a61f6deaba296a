# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries the language standard, warnings and hygiene defines for every
# target of the project (the qBittorrent "common config" habit).
add_library(ladder_common INTERFACE)
target_compile_features(ladder_common INTERFACE cxx_std_17)
set_target_properties(ladder_common PROPERTIES INTERFACE_CXX_EXTENSIONS OFF)
target_compile_options(ladder_common INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wno-unused-parameter>)
target_compile_definitions(ladder_common INTERFACE
    LADDER_VERSION="${PROJECT_VERSION}"
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CAST_FROM_BYTEARRAY
    QT_USE_QSTRINGBUILDER
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_STRICT_ITERATORS)
