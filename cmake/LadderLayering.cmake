# SPDX-License-Identifier: GPL-3.0-or-later
# Layering rules the build enforces rather than comments (issue 15).

# ladder_assert_links_none(<target> <regex> <why>): fails the configure step when <target> links
# a library whose name matches <regex>, directly or through any library it links. Call it once
# every library the target links has been declared.
function(ladder_assert_links_none target pattern why)
    set(pending ${target})
    set(seen "")
    while(pending)
        list(POP_FRONT pending current)
        if(current IN_LIST seen)
            continue()
        endif()
        list(APPEND seen ${current})
        if(NOT current STREQUAL target AND current MATCHES "${pattern}")
            message(FATAL_ERROR "${target} ${why} but links ${current} (through: ${seen})")
        endif()
        if(NOT TARGET ${current})
            continue()
        endif()
        get_target_property(type ${current} TYPE)
        set(links "")
        if(NOT type STREQUAL "INTERFACE_LIBRARY")
            get_target_property(direct ${current} LINK_LIBRARIES)
            if(direct)
                list(APPEND links ${direct})
            endif()
        endif()
        get_target_property(interface ${current} INTERFACE_LINK_LIBRARIES)
        if(interface)
            list(APPEND links ${interface})
        endif()
        foreach(link IN LISTS links)
            # $<LINK_ONLY:x> and other generator expressions around a name: keep the name.
            string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" link "${link}")
            if(link AND NOT link MATCHES "^\\$<")
                list(APPEND pending ${link})
            endif()
        endforeach()
    endwhile()
endfunction()

# The command-line tool builds and runs where Qt is absent.
function(ladder_assert_links_no_qt target)
    ladder_assert_links_none(${target} "^Qt[0-9]*::|(^|/)libQt[0-9]" "must stay Qt-free")
endfunction()
