# CMake toolchain file for AArch64 Linux with Debian's cross packages
# (gcc-aarch64-linux-gnu libc6-dev-arm64-cross; qemu-user-static to run the results here):
#
#   cmake -S app -B build-arm64 -G Ninja \
#     -DCMAKE_TOOLCHAIN_FILE=<kiln>/cmake/aarch64-linux-gnu.cmake \
#     -DKiln_DIR=<kiln build>/lib/cmake/kiln
#
# With it, find_package(Kiln) links the AArch64 libkilnrt.a and kiln_add_model compiles models
# with `kilnc --target=aarch64-linux-gnu` (KILN_TARGET; -DKILN_MCPU=neoverse-n1 picks a CPU,
# default generic: Armv8-A with NEON). Kiln's own build uses this file to cross-build the
# runtime (runtime/CMakeLists.txt).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(KILN_TARGET aarch64-linux-gnu)

# -DCMAKE_C_COMPILER=clang-22 (with CMAKE_C_COMPILER_TARGET below) also works; GCC is what
# Debian's cross packages bring.
if(NOT CMAKE_C_COMPILER)
  set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
endif()
if(NOT CMAKE_CXX_COMPILER)
  set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
endif()
set(CMAKE_C_COMPILER_TARGET aarch64-linux-gnu)
set(CMAKE_CXX_COMPILER_TARGET aarch64-linux-gnu)

# Headers and libraries from the AArch64 sysroot, programs (kilnc, code generators) from
# the build machine. Packages may be either: Kiln's config is a host-side build tree.
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# Runs AArch64 programs on other machines: add_test() and try_run() go through QEMU, which
# finds the dynamic loader and shared libraries in the sysroot (-L).
find_program(KILN_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(KILN_QEMU_AARCH64 AND NOT CMAKE_HOST_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  set(CMAKE_CROSSCOMPILING_EMULATOR "${KILN_QEMU_AARCH64};-L;/usr/aarch64-linux-gnu")
endif()
