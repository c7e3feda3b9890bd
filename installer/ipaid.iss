; Inno Setup 6 script: the Windows installer of IPAid Desk 知识产权维权援助工作台.
;
; NOT BUILT OR TESTED HERE: the project is built and tested on Linux, where neither Windows nor the
; Inno Setup compiler exist. On a Windows PC with Python 3.11+ and Inno Setup 6:
;
;   py -m venv .venv && .venv\Scripts\pip install -e ".[installer]"
;   .venv\Scripts\pyinstaller --noconfirm --distpath build\installer\dist --workpath build\installer\work installer\ipaid.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\ipaid.iss
;
; which writes build\installer\IPAidDesk-Setup-<version>.exe. The installer copies the one-folder bundle
; (ipaid.exe for the command line, IPAidDesk.exe without a console window for the Start menu).
;
; Per user: no administrator rights, installed into %LOCALAPPDATA%\Programs\IPAid Desk.
; The user's DATA is not in that folder: the database, automatic backups and logs live in the folder
; platformdirs picks, %LOCALAPPDATA%\IPAid\IPAid Desk (app/paths.py). The uninstaller removes only the
; files this installer copied; it never touches the data folder, so uninstalling (or reinstalling a newer
; version) keeps every case. That is why this script has no [UninstallDelete] section - do not add one
; that reaches outside {app}.
;
; Saved as UTF-8 with a byte-order mark. Inno Setup 6.3+ reads UTF-8 without one too, but an older
; compiler would read the Chinese names in the ANSI code page before reaching the version check.

; x64compatible and a BOM-free UTF-8 reading need 6.3.
#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or later is needed
#endif

#define AppName "IPAid Desk"
#define AppNameZh "知识产权维权援助工作台"
; Keep in step with [project] version in pyproject.toml (tests/installer checks it), or override:
;   ISCC.exe /DAppVersion=0.2.0 installer\ipaid.iss
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppPublisher "IPAid"
#define BundleDir "..\build\installer\dist\ipaid"
; Chinese setup wizard: ChineseSimplified.isl is a translation Inno Setup does not ship; when it has been
; put into the compiler's Languages folder it is used, otherwise the wizard is English only.
#define ChineseIsl CompilerPath + "Languages\ChineseSimplified.isl"

[Setup]
; The AppId ties upgrades and the uninstaller to this product: never change it.
AppId={{1C772830-4161-4A0D-94E2-B87CD9A1FBE5}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
; Per-user install: {autopf} is then %LOCALAPPDATA%\Programs, and no UAC prompt appears.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\build\installer
OutputBaseFilename=IPAidDesk-Setup-{#AppVersion}
SetupIconFile=..\resources\icons\ipaid.ico
UninstallDisplayIcon={app}\IPAidDesk.exe
UninstallDisplayName={#AppName} {#AppNameZh}
; A running copy holds its files open; ask to close it before files are replaced or removed.
CloseApplications=yes
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
#if FileExists(ChineseIsl)
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: executables, _internal\ (Python, Qt, resources, migrations).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName} {#AppNameZh}"; Filename: "{app}\IPAidDesk.exe"; WorkingDir: "{app}"; Comment: "{#AppNameZh}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\IPAidDesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\IPAidDesk.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
