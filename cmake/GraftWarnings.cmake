# SPDX-License-Identifier: MIT
# graft_set_warnings(target): the warning level every Graft target builds with.
function(graft_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
  if(GRAFT_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
