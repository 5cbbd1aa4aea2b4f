# The Debian package, built by CPack from the install rules (resources/packaging/CMakeLists.txt):
#   cpack --preset deb          (or, in a build tree: cpack -G DEB)
# gives prospect_<project version>-<revision>_<arch>.deb in the build tree, the revision from
# resources/packaging/changelog. dpkg-shlibdeps works out the libraries it depends on. Included from the
# top-level CMakeLists.txt, after everything that installs files.
set(PROSPECT_MAINTAINER "Prospect developers <prospect-lab@users.noreply.github.com>" CACHE STRING
    "Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME prospect)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Prospect developers")
set(CPACK_PACKAGE_CONTACT "${PROSPECT_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "backpropagation and prospective configuration, side by side")
set(CPACK_PACKAGE_DESCRIPTION
    "A desktop lab that shows how a neural network assigns credit for an error.
It runs backpropagation and prospective configuration (Song et al., Nature
Neuroscience 2024) on the same small network, with the same initial weights and
the same trials, step by step, side by side. Networks, weights, inputs and
targets can be edited with the mouse; runs can be recorded as videos and
exported as images and CSV. The command prospect also runs the paper's
experiments headless.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${PROSPECT_DEBIAN_REVISION})
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PROSPECT_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROSPECT_REPOSITORY_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Without a font every label is an empty box (the program warns); Qt finds this one.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS fonts-dejavu-core)
if(PROSPECT_BUILD_PYTHON)
  # Two packages: prospect (every install rule without a component) and python3-prospect (the
  # Python module, python/CMakeLists.txt), both from the source package prospect.
  set(CPACK_DEB_COMPONENT_INSTALL ON)
  set(CPACK_COMPONENTS_ALL Unspecified python)
  set(CPACK_DEBIAN_UNSPECIFIED_PACKAGE_NAME prospect)
  set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME python3-prospect)
  set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
  set(CPACK_DEBIAN_PACKAGE_SOURCE prospect)
  # CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY before each as its first line.
  set(CPACK_COMPONENT_UNSPECIFIED_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
  set(CPACK_COMPONENT_PYTHON_DESCRIPTION
      "The Python module prospect: Prospect's engine without the window. It runs
backpropagation and prospective configuration (Song et al., Nature
Neuroscience 2024) on your own networks, scenario files and the presets,
gives their state as numpy arrays, and runs the paper's experiments with
the command line's options.")
  # The module is built for this interpreter's version only.
  set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS
      "python3 (>= ${Python_VERSION_MAJOR}.${Python_VERSION_MINOR}), python3 (<< ${Python_VERSION_MAJOR}.${Python_VERSION_MINOR}.99), python3-numpy")
endif()
include(CPack)
