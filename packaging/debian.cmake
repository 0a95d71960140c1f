# The Debian package (`cpack -G DEB`, run by scripts/package-deb.sh): everything packaging/
# installs, under /usr. The build flags of the package (portable instruction set, no source-tree
# paths, hardening) are in CMakePresets.json, preset `package`; this file only describes it.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sentinela)
set(CPACK_PACKAGE_VENDOR Sentinela)
# The address is a placeholder until the project has a public one: -DSENTINELA_PACKAGE_MAINTAINER=.
set(SENTINELA_PACKAGE_MAINTAINER "Sentinela developers <dev@sentinela.local>" CACHE STRING
    "Maintainer field of the Debian package")
set(CPACK_PACKAGE_CONTACT "${SENTINELA_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "find what matters in large volumes of social media posts")
# Lines of at most 80 characters (Debian policy); CPack does not wrap them.
set(CPACK_PACKAGE_DESCRIPTION [=[
Sentinela helps trust-and-safety analysts and researchers triage social media
posts. It imports exports (X/Twitter, Reddit, Mastodon, Telegram, Facebook,
Instagram, WhatsApp, CSV, JSON), lets an analyst label a sample with the
keyboard, trains an LSTM classifier (sentiment, offensive content, categories
of illegal content under Brazilian law) and scans millions of posts offline,
putting the ones most likely to matter first.
This package holds the command-line program sentinela, the desktop application
sentinela-gui, the pretrained base encoder and demo data (sentinela demo DIR).]=])
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# Depends: from the shared libraries the executables load (dpkg-shlibdeps, from dpkg-dev).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Loaded as Qt plugins, so dpkg-shlibdeps cannot see them; the application runs without them.
# libqt6svg6: the SVG window icon. qt6-translations-l10n: Qt's own strings in Portuguese.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6svg6, qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
include(CPack)
