<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../../src/trialtracker/ui/window_dialogs.py" line="71"/>
        <source>No topic called “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/window_dialogs.py" line="113"/>
        <source>Where your data lives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/window_dialogs.py" line="114"/>
        <source>Your library: {0}
Backups: {1}
Logs: {2}

Quit Trial Tracker before you copy or move the folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="47"/>
        <source>Refresh</source>
        <extracomment>Actions handled by the window (or, with a dotted slot, one of its parts).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="50"/>
        <source>Fetch the latest records from ClinicalTrials.gov</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="56"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="59"/>
        <source>Stop the refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="64"/>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="67"/>
        <source>Plain-language background reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="73"/>
        <source>Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="76"/>
        <source>Registry address, pace, refresh on start, home place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="82"/>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="85"/>
        <source>About Trial Tracker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="90"/>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="93"/>
        <source>Search trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="97"/>
        <source>All notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="100"/>
        <source>Search the notes of every trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="102"/>
        <source>Copy NCT ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="104"/>
        <source>Open on ClinicalTrials.gov</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="108"/>
        <source>History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="111"/>
        <source>Every change recorded for the selected trial, with its timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="115"/>
        <source>Print / Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="118"/>
        <source>Print the selected trial&apos;s page with your notes, or save it as a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="123"/>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="126"/>
        <source>Add the trials, notes and tags of a bundle, or every NCT ID in a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="131"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="134"/>
        <source>Save everything you keep as a bundle, a spreadsheet or a report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="139"/>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="142"/>
        <source>Make a consistent copy of your library in its backups folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="146"/>
        <source>Restore from a backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="149"/>
        <source>Put an earlier copy of your library back (the current one is kept as a backup)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="155"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="158"/>
        <source>Close Trial Tracker (your notes are saved first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="164"/>
        <source>Reset columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="167"/>
        <source>Show the table&apos;s columns as they were at first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="171"/>
        <source>Sidebar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="174"/>
        <source>Show or hide the lists and tags on the left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="179"/>
        <source>Manage saved searches…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="182"/>
        <source>List, run and remove the searches you saved from Discover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="186"/>
        <source>Run saved searches now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="189"/>
        <source>Search the registry again for every saved search (a full refresh does it too)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="195"/>
        <source>New candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="198"/>
        <source>The trials your saved searches found that you have not tracked or dismissed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="204"/>
        <source>Where my data lives…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="207"/>
        <source>The folder that holds your library, its backups and logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="215"/>
        <source>Add trials…</source>
        <extracomment>Actions that add trials or act on the selected ones, handled by :class:`TrialActions`.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="218"/>
        <source>Track trials by NCT ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="224"/>
        <source>Discover…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="227"/>
        <source>Search the registry for MS stem-cell trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="232"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="235"/>
        <source>Stop tracking the selected trials (notes are kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="241"/>
        <source>Star</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="244"/>
        <source>Star or unstar the selected trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="250"/>
        <source>Tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="253"/>
        <source>Edit the tags of the selected trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="259"/>
        <source>Mark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="262"/>
        <source>You have seen the changes of the selected trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="266"/>
        <source>Mark all reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="269"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="272"/>
        <source>Take back the last remove, star, tag or review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="276"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="279"/>
        <source>Do again what Undo took back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../src/trialtracker/ui/banner.py" line="42"/>
        <source>Show changed trials</source>
        <extracomment>(background, text, border) for light and dark palettes.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/banner.py" line="43"/>
        <source>Mark all reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/banner.py" line="44"/>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/banner.py" line="45"/>
        <source>Fetch current statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/banner.py" line="46"/>
        <source>Refresh every tracked trial from ClinicalTrials.gov now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/banner.py" line="47"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/banner.py" line="48"/>
        <source>Take it back (Edit ▸ Undo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/banner.py" line="49"/>
        <source>✕</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/banner.py" line="52"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="93"/>
        <source>Open on ClinicalTrials.gov</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="94"/>
        <source>Open the registry page in your web browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="96"/>
        <source>Copy NCT ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="98"/>
        <source>History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="99"/>
        <source>Every change recorded for this trial, reviewed or not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="101"/>
        <source>Mark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="102"/>
        <source>You have seen this trial&apos;s changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="104"/>
        <source>Track this trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="106"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="108"/>
        <source>Hide this candidate; saved searches will not suggest it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="119"/>
        <source>Trial page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="124"/>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="216"/>
        <source>Select a trial to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="62"/>
        <source>Add trials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="64"/>
        <source>Discover…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="66"/>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../src/trialtracker/ui/filter_bar.py" line="30"/>
        <source>Search trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/filter_bar.py" line="33"/>
        <source>Search titles, sponsors, conditions, tags and your notes…  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/filter_bar.py" line="39"/>
        <source>Filter by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/filter_bar.py" line="41"/>
        <source>Show only trials with this status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/filter_bar.py" line="43"/>
        <location filename="../../src/trialtracker/ui/filter_bar.py" line="76"/>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/filter_bar.py" line="47"/>
        <source>Filter by cell type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/filter_bar.py" line="49"/>
        <source>Show only one family of cell therapy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/filter_bar.py" line="50"/>
        <source>All cell types</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="62"/>
        <source>Every recorded change</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="316"/>
        <source>&amp;File</source>
        <extracomment>The toolbar and the table&apos;s row menu, by action name (None: a separator). The menu bar: (title with its mnemonic, action names; None: a separator).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="319"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="320"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="322"/>
        <source>&amp;Trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="342"/>
        <source>&amp;Watches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="343"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="91"/>
        <source>New note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="92"/>
        <source>Start another note on this trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="94"/>
        <source>Delete note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="96"/>
        <source>All notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="97"/>
        <source>Search the notes of every trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="107"/>
        <source>Note text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="118"/>
        <source>Note preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="119"/>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="127"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="129"/>
        <source>Try to save this note again now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="248"/>
        <source>New note — it is saved as soon as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="391"/>
        <source>Editing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="426"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefreshStatus</name>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="173"/>
        <source>Never refreshed — press F5 to fetch the latest records</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="49"/>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="56"/>
        <source>Backups, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="66"/>
        <source>No backups yet: Trial Tracker makes one each day it is used, and File ▸ Back up now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="73"/>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="75"/>
        <source>Other &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="77"/>
        <source>Restore a copy kept somewhere else (a .sqlite3 file made by Trial Tracker)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="42"/>
        <source>Lists and tags</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusPicker</name>
    <message>
        <location filename="../../src/trialtracker/ui/status_picker.py" line="29"/>
        <source>None ticked: any status.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThemeMenu</name>
    <message>
        <location filename="../../src/trialtracker/ui/theme_menu.py" line="28"/>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/theme_menu.py" line="34"/>
        <source>&amp;Same as the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/theme_menu.py" line="34"/>
        <source>Follow the desktop&apos;s light or dark setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/theme_menu.py" line="35"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/theme_menu.py" line="35"/>
        <source>Dark text on light backgrounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/theme_menu.py" line="36"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/theme_menu.py" line="36"/>
        <source>Light text on dark backgrounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/theme_menu.py" line="61"/>
        <source>The colours changed for now, but the choice could not be saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/theme_menu.py" line="62"/>
        <source>Theme not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchActions</name>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="284"/>
        <source>read the saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="296"/>
        <source>Running the saved searches…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="297"/>
        <source>run the saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="329"/>
        <source>Saved the search “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="335"/>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="337"/>
        <source>Not saved: an unexpected error (see the log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="345"/>
        <source>Removed the saved search “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="349"/>
        <source>remove the saved search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="356"/>
        <source>Stopped the saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="358"/>
        <source>Could not {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="359"/>
        <source>Could not {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchForm</name>
    <message>
        <location filename="../../src/trialtracker/ui/watch_form.py" line="42"/>
        <source>Edit saved search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watch_form.py" line="47"/>
        <source>e.g. multiple sclerosis (empty: any condition)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watch_form.py" line="50"/>
        <source>e.g. mesenchymal OR &quot;stem cell&quot; (empty: any treatment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watch_form.py" line="57"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watch_form.py" line="58"/>
        <source>&amp;Condition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watch_form.py" line="59"/>
        <source>&amp;Intervention:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watch_form.py" line="60"/>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watch_form.py" line="71"/>
        <source>A changed search forgets its last count; the candidates it found stay.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Watches</name>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="42"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="43"/>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="44"/>
        <source>Intervention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="45"/>
        <source>Statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="46"/>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="47"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="50"/>
        <source>Each saved search runs again after every full refresh. Trials it finds that you do not track yet are listed under “New candidates”, where you can track or dismiss them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="55"/>
        <source>No saved searches yet. Use “New…” to search the registry, then “Save as watch…” in that dialog: the search then runs again after every full refresh.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchesDialog</name>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="104"/>
        <source>Saved searches (watches)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="112"/>
        <source>Saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="125"/>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="126"/>
        <source>Search the registry; save the search from there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="127"/>
        <location filename="../../src/trialtracker/ui/watches.py" line="196"/>
        <source>&amp;Run all now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="128"/>
        <source>Search the registry again for every saved search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="129"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="130"/>
        <source>Rename the selected saved search or change what it looks for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="131"/>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="133"/>
        <source>Delete the selected saved search and the candidates only it found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="135"/>
        <source>Show &amp;candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="137"/>
        <source>Show the trials the searches found that you have not decided on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="173"/>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="196"/>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="228"/>
        <source>Remove saved search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="229"/>
        <source>Remove the saved search “{0}”? Trials you track stay tracked; candidates only this search found are forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
