; Inno Setup 6 script: dist\DecisionAid-<version>-Setup.exe from the PyInstaller folder
; dist\DecisionAid\ (made by packaging\build_bundle.py on Windows).
;
;   iscc /DAppVersion=0.1.0 packaging\windows\decisionaid.iss
;
; A per-user install that needs no administrator rights: the app goes to
; %LOCALAPPDATA%\Programs\DecisionAid, a shortcut to the user's Start menu, and an uninstaller
; to Settings > Apps. The person's answers (in %LOCALAPPDATA%\DecisionAid) are theirs: the
; uninstaller leaves them alone.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 decisionaid.iss
#endif
; Windows version resources need four numbers (CI passes /DNumericVersion=0.2.0.0 for 0.2.0rc1)
#ifndef NumericVersion
  #define NumericVersion AppVersion + ".0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\DecisionAid"
#endif
#define AppName "DecisionAid"
#define AppExe "DecisionAid.exe"

[Setup]
; The AppId ties upgrades and the uninstaller together: never change it.
AppId={{6FAFB179-D809-4D0F-9D86-837939CA4D70}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=DecisionAid developers
AppComments=An offline decision aid for people losing their hair. Your answers never leave this computer.
AppCopyright=GPL-3.0-or-later
VersionInfoVersion={#NumericVersion}
VersionInfoProductVersion={#NumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} {#AppVersion} Setup
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableDirPage=auto
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableReadyPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=DecisionAid-{#AppVersion}-Setup
SetupIconFile=..\..\resources\icons\app\decisionaid.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
; Saved answers (*.decisionaid) open DecisionAid on a double-click (see [Registry]).
ChangesAssociations=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: no file of an older version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Compare hair-loss options, offline"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The document type of saved answers, for this user (PrivilegesRequired=lowest: HKCU via HKA).
Root: HKA; Subkey: "Software\Classes\.decisionaid"; ValueType: string; ValueName: ""; ValueData: "DecisionAid.Answers"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.decisionaid\OpenWithProgids"; ValueType: string; ValueName: "DecisionAid.Answers"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\DecisionAid.Answers"; ValueType: string; ValueName: ""; ValueData: "DecisionAid answers"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\DecisionAid.Answers\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\DecisionAid.Answers\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}"
