# SPDX-License-Identifier: GPL-3.0-or-later
# Layering rules the build enforces rather than comments (issue 15).

# ladder_assert_links_no_qt(<target>): fails the configure step when <target> links a Qt
# library, directly or through any library it links (the command-line tool must build and run
# where Qt is absent). Call it once every library the target links has been declared.
function(ladder_assert_links_no_qt target)
    set(pending ${target})
    set(seen "")
    while(pending)
        list(POP_FRONT pending current)
        if(current IN_LIST seen)
            continue()
        endif()
        list(APPEND seen ${current})
        if(current MATCHES "^Qt[0-9]*::" OR current MATCHES "(^|/)libQt[0-9]")
            message(FATAL_ERROR "${target} links ${current}: the command-line tool must stay Qt-free "
                                "(found through: ${seen})")
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
