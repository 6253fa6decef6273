#!/usr/bin/env bash
# Makes this machine boot straight into the kiosk (deploy/linux/README.md).
#   sudo deploy/linux/install.sh [--variant browser|electron] [--appimage FILE] [--app-dir DIR]
#   deploy/linux/install.sh --stage DIR ...   writes every file under DIR and changes nothing else
#                                              (no apt-get, user, systemctl): what the tests verify.
# --app-dir: the built kiosk (default: the checkout this script is in, after `npm ci && npm run build`);
#   for --variant electron, where the AppImage goes (default /opt/motcua-kiosk).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
app_dir=
variant=browser
appimage=
stage=
while [ $# -gt 0 ]; do
  case "$1" in
    --variant) variant=${2:?--variant needs browser or electron}; shift 2 ;;
    --appimage) appimage=${2:?--appimage needs a file}; shift 2 ;;
    --app-dir) app_dir=${2:?--app-dir needs a folder}; shift 2 ;;
    --stage) stage=${2:?--stage needs a folder}; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument $1 (--help lists them)" >&2; exit 2 ;;
  esac
done
fail() { echo "install.sh: $*" >&2; exit 1; }
if [ -z "$app_dir" ]; then
  if [ "$variant" = electron ]; then app_dir=/opt/motcua-kiosk; else app_dir=$(cd "$here/../.." && pwd); fi
fi
case "$variant" in browser|electron) ;; *) fail "--variant is browser or electron, not $variant" ;; esac
live() { [ -z "$stage" ]; }
root=${stage:-}
live && [ "$(id -u)" -ne 0 ] && fail "run it as root (sudo), or with --stage DIR to only write the files"

if [ "$variant" = browser ]; then
  if live; then
    [ -f "$app_dir/dist/main/web-main.mjs" ] || fail "$app_dir is not built: run \`npm ci && npm run build\` there first"
    # package.json engines: ^20.19.0 || ^22.13.0 || >=24.
    /usr/bin/node -e '
      const [major, minor] = process.versions.node.split(".").map(Number);
      process.exit((major === 20 && minor >= 19) || (major === 22 && minor >= 13) || major >= 24 ? 0 : 1);' 2>/dev/null ||
      fail "/usr/bin/node must be Node.js ^20.19.0 || ^22.13.0 || >=24 (found $(/usr/bin/node -v 2>/dev/null || echo none)); install it from NodeSource or Debian backports"
  fi
else
  [ -n "$appimage" ] || fail "--variant electron needs --appimage FILE (electron-builder's release/*.AppImage)"
  [ -f "$appimage" ] || fail "no AppImage at $appimage"
fi

echo "=== packages"
# cage 0.1.4 (Debian 12) will not start without Xwayland, even for a Wayland-only client.
packages=(cage xwayland alsa-utils)
[ "$variant" = browser ] && packages+=(chromium)
if live; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${packages[@]}" >/dev/null
else
  echo "(stage) would install: ${packages[*]}"
fi

echo "=== kiosk user"
if live; then
  for group in lp plugdev scanner video render input audio; do getent group "$group" >/dev/null || groupadd --system "$group"; done
  id motcua-kiosk >/dev/null 2>&1 ||
    useradd --system --home-dir /var/lib/motcua-kiosk --no-create-home --shell /usr/sbin/nologin motcua-kiosk
  usermod --append --groups lp,plugdev,scanner,video,render,input,audio motcua-kiosk
fi

echo "=== files"
put() { # put SOURCE DEST MODE: copy with @APP_DIR@ replaced
  install -d "$root$(dirname "$2")"
  sed "s|@APP_DIR@|$app_dir|g" "$1" > "$root$2"
  chmod "$3" "$root$2"
}
units=(motcua-kiosk-watchdog.service motcua-kiosk-watchdog.timer motcua-kiosk-audio.service)
if [ "$variant" = browser ]; then
  units+=(motcua-kiosk-host.service motcua-kiosk-browser.service)
  put "$here/chromium-policy.json" /etc/chromium/policies/managed/motcua-kiosk.json 0644
else
  units=(motcua-kiosk-electron.service motcua-kiosk-audio.service)
  # No checkout on an Electron terminal: the AppImage and the one helper its units run.
  install -d "$root$app_dir/deploy/linux"
  # The kiosk user owns the folder of its AppImage: electron-updater replaces the file there
  # (decision 0039). Everything else under $app_dir stays root's.
  install -d -m 0755 "$root$app_dir/app"
  install -m 0755 "$appimage" "$root$app_dir/app/motcua-kiosk.AppImage"
  if live; then chown -R motcua-kiosk:motcua-kiosk "$app_dir/app"; fi
  install -m 0755 "$here/kiosk-audio" "$root$app_dir/deploy/linux/kiosk-audio"
  install -m 0644 "$here/README.md" "$root$app_dir/deploy/linux/README.md"
fi
for unit in "${units[@]}"; do put "$here/$unit" "/etc/systemd/system/$unit" 0644; done
[ -e "$root/etc/default/motcua-kiosk" ] || put "$here/motcua-kiosk.default" /etc/default/motcua-kiosk 0644
put "$here/pam-motcua-kiosk" /etc/pam.d/motcua-kiosk 0644
put "$here/logind-motcua-kiosk.conf" /etc/systemd/logind.conf.d/motcua-kiosk.conf 0644
# Magic SysRq would let a keyboard kill or reboot the terminal.
install -d "$root/etc/sysctl.d" && echo 'kernel.sysrq = 0' > "$root/etc/sysctl.d/90-motcua-kiosk.conf"
# The text console never blanks before cage takes the screen (cage itself never blanks it).
install -d "$root/etc/default/grub.d"
echo 'GRUB_CMDLINE_LINUX_DEFAULT="$GRUB_CMDLINE_LINUX_DEFAULT consoleblank=0 quiet"' > "$root/etc/default/grub.d/90-motcua-kiosk.cfg"

echo "=== services"
if live; then
  command -v update-grub >/dev/null && update-grub >/dev/null 2>&1 || true
  sysctl --quiet --load /etc/sysctl.d/90-motcua-kiosk.conf || true
  systemctl daemon-reload
  systemctl disable getty@tty1.service >/dev/null 2>&1 || true
  systemctl set-default graphical.target
  if [ "$variant" = browser ]; then
    systemctl disable motcua-kiosk-electron.service >/dev/null 2>&1 || true
    systemctl enable motcua-kiosk-host.service motcua-kiosk-browser.service motcua-kiosk-watchdog.timer motcua-kiosk-audio.service
  else
    systemctl disable motcua-kiosk-host.service motcua-kiosk-browser.service motcua-kiosk-watchdog.timer >/dev/null 2>&1 || true
    systemctl enable motcua-kiosk-electron.service motcua-kiosk-audio.service
  fi
  echo "Installed ($variant). Reboot, or: systemctl restart systemd-logind && systemctl start graphical.target"
else
  echo "(stage) units in $root/etc/systemd/system: ${units[*]}"
fi
