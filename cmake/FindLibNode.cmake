# SPDX-License-Identifier: MIT
# Finds Debian's libnode (Node 18, V8 10.2): the system's, or the copy that
# cmake/setup-deps.sh unpacks into build/_deps/libnode when a foreign nodejs
# blocks the package. Provides LibNode::LibNode and LibNode_VERSION.
set(_libnode_roots "${GRAFT_LIBNODE_ROOT}" "${CMAKE_SOURCE_DIR}/build/_deps/libnode" "/")
set(LibNode_ROOT_USED "")
foreach(_root IN LISTS _libnode_roots)
  if(_root AND EXISTS "${_root}/usr/include/node/node.h"
     AND EXISTS "${_root}/usr/include/nodejs/deps/v8/include/v8-inspector.h")
    set(LibNode_ROOT_USED "${_root}")
    break()
  endif()
endforeach()

if(LibNode_ROOT_USED)
  set(LibNode_INCLUDE_DIRS
      "${LibNode_ROOT_USED}/usr/include/node"
      "${LibNode_ROOT_USED}/usr/include/nodejs/deps/v8/include")
  find_library(LibNode_LIBRARY NAMES libnode.so.108 node
               PATHS "${LibNode_ROOT_USED}/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}" NO_DEFAULT_PATH)
  file(STRINGS "${LibNode_ROOT_USED}/usr/include/node/node_version.h" _node_ver
       REGEX "#define NODE_(MAJOR|MINOR|PATCH)_VERSION [0-9]+")
  string(REGEX REPLACE ".*MAJOR_VERSION ([0-9]+).*MINOR_VERSION ([0-9]+).*PATCH_VERSION ([0-9]+).*"
         "\\1.\\2.\\3" LibNode_VERSION "${_node_ver}")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibNode
  REQUIRED_VARS LibNode_LIBRARY LibNode_INCLUDE_DIRS VERSION_VAR LibNode_VERSION)

if(LibNode_FOUND AND NOT TARGET LibNode::LibNode)
  find_library(LIBUV_LIBRARY NAMES uv REQUIRED)
  add_library(LibNode::LibNode SHARED IMPORTED)
  set_target_properties(LibNode::LibNode PROPERTIES
    IMPORTED_LOCATION "${LibNode_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${LibNode_INCLUDE_DIRS}"
    INTERFACE_LINK_LIBRARIES "${LIBUV_LIBRARY}")
  # A private copy is found at run time through the executable's rpath.
  get_filename_component(LibNode_LIBRARY_DIR "${LibNode_LIBRARY}" DIRECTORY)
  set(LibNode_IS_PRIVATE_COPY OFF)
  if(NOT LibNode_ROOT_USED STREQUAL "/")
    set(LibNode_IS_PRIVATE_COPY ON)
  endif()
endif()
