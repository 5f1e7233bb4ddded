# Compiler warnings and sanitizers, applied per target.
function(cabtally_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow
    -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter)
  if(CABTALLY_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(CABTALLY_SANITIZE)
  add_compile_options(-fsanitize=${CABTALLY_SANITIZE} -fno-omit-frame-pointer
    -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${CABTALLY_SANITIZE})
endif()
