// SPDX-License-Identifier: GPL-3.0-or-later
// Carrier translation unit for the shared LibTorch precompiled header (see core/CMakeLists.txt).
