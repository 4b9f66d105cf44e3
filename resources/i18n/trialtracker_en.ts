<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../src/trialtracker/ui/about.py" line="23"/>
        <source>Follow stem-cell therapy trials for multiple sclerosis, with data from ClinicalTrials.gov.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/about.py" line="27"/>
        <source>Not medical advice. Registry entries can be out of date or incomplete; talk to your neurologist or MS nurse about any trial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/about.py" line="49"/>
        <source>About {app}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/about.py" line="71"/>
        <source>Open data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/about.py" line="76"/>
        <source>Data folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/about.py" line="77"/>
        <source>Log file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/about.py" line="81"/>
        <source>Trial data: &lt;a href=&apos;{registry}&apos;&gt;ClinicalTrials.gov&lt;/a&gt;, a service of the U.S. National Library of Medicine. Trial Tracker is not affiliated with or endorsed by it.&lt;br&gt;Licence: &lt;a href=&apos;{licence_url}&apos;&gt;{licence}&lt;/a&gt;. This program comes with absolutely no warranty.</source>
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
        <location filename="../../src/trialtracker/ui/action_table.py" line="211"/>
        <source>Team library…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="214"/>
        <source>Open a library your team shares on a PostgreSQL server, or go back to this computer&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="224"/>
        <source>Add trials…</source>
        <extracomment>Actions that add trials or act on the selected ones, handled by :class:`TrialActions`.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="227"/>
        <source>Track trials by NCT ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="233"/>
        <source>Discover…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="236"/>
        <source>Search the registry for MS stem-cell trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="241"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="244"/>
        <source>Stop tracking the selected trials (notes are kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="250"/>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="213"/>
        <source>Star</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="253"/>
        <source>Star or unstar the selected trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="259"/>
        <source>Tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="262"/>
        <source>Edit the tags of the selected trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="268"/>
        <source>Mark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="271"/>
        <source>You have seen the changes of the selected trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="275"/>
        <source>Mark all reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="278"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="281"/>
        <source>Take back the last remove, star, tag or review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="285"/>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="288"/>
        <source>Do again what Undo took back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="211"/>
        <source>Unstar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddTrialsDialog</name>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/add_dialog.py" line="123"/>
        <source> … and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/add_dialog.py" line="65"/>
        <location filename="../../src/trialtracker/ui/add_dialog.py" line="106"/>
        <source>Add trials</source>
        <extracomment>An attempted ID: &quot;NCT&quot; (any case), an optional separator, a digit, then letters/digits.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/add_dialog.py" line="73"/>
        <source>Paste NCT IDs: one per line, a list, or any text (an e-mail, registry links). Every valid ID found is added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/add_dialog.py" line="82"/>
        <source>Trial IDs or registry links, one or more per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/add_dialog.py" line="141"/>
        <source>%n valid ID(s) found: {ids}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/add_dialog.py" line="144"/>
        <source>%n already tracked: {ids}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/add_dialog.py" line="148"/>
        <source>No valid NCT ID found yet (an ID is NCT followed by 8 digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/add_dialog.py" line="152"/>
        <source>%n entr(y|ies) (is|are) not valid NCT IDs and will be ignored: {ids}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AllNotesDialog</name>
    <message>
        <location filename="../../src/trialtracker/ui/all_notes.py" line="43"/>
        <source>All notes — Trial Tracker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/all_notes.py" line="49"/>
        <source>Search all notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/all_notes.py" line="51"/>
        <source>Search all notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/all_notes.py" line="54"/>
        <source>Notes found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/all_notes.py" line="56"/>
        <source>The chosen note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/all_notes.py" line="105"/>
        <source>The notes could not be read: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/all_notes.py" line="118"/>
        <source>%n note(s) matching “{query}”</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/all_notes.py" line="120"/>
        <source>%n note(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/all_notes.py" line="122"/>
        <source>No notes match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/all_notes.py" line="122"/>
        <source>No notes yet.</source>
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
    <name>CrashWords</name>
    <message>
        <location filename="../../src/trialtracker/ui/crash.py" line="154"/>
        <source>{app}: unexpected error</source>
        <extracomment>If set, called with each report instead of showing a dialog (for tests and embedding). The latest report (whether or not a dialog was shown).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/crash.py" line="156"/>
        <source>Something went wrong, but {app} is still running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/crash.py" line="170"/>
        <source>Your tracked trials and notes are saved after every change; the action that failed may not have been applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/crash.py" line="175"/>
        <source>Details were written to the log file:
{file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/crash.py" line="177"/>
        <source>%n more error(s) occurred since (see the log).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/crash.py" line="179"/>
        <source>If this keeps happening, please restart the app and report the problem with the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="117"/>
        <source>Open on ClinicalTrials.gov</source>
        <extracomment>How long a read of the trial may take before the pane says &quot;Reading…&quot; instead of the previous trial.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="118"/>
        <source>Open the registry page in your web browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="120"/>
        <source>Copy NCT ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="122"/>
        <source>History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="123"/>
        <source>Every change recorded for this trial, reviewed or not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="125"/>
        <source>Mark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="126"/>
        <source>You have seen this trial&apos;s changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="128"/>
        <source>Track this trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="130"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="132"/>
        <source>Hide this candidate; saved searches will not suggest it again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="143"/>
        <source>Trial page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="148"/>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="298"/>
        <source>Select a trial to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="254"/>
        <source>Reading {nct}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="293"/>
        <source>{nct} could not be read: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="296"/>
        <source>{nct} is no longer tracked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="306"/>
        <source>new candidate from your saved search {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="388"/>
        <source>Link a topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="389"/>
        <source>Background reading to link to {nct}:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="422"/>
        <source>Could not link the topic: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/detail_pane.py" line="423"/>
        <source>Could not remove the topic: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../src/trialtracker/ui/window_dialogs.py" line="91"/>
        <source>No topic called “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/window_dialogs.py" line="137"/>
        <source>Open the team library at {0} now? This window closes and opens again on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/window_dialogs.py" line="140"/>
        <source>Go back to the library on this computer now? This window closes and opens again on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/window_dialogs.py" line="144"/>
        <source>Switch library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/window_dialogs.py" line="164"/>
        <source>Your team library: {0} (you are {1})
Its server keeps it and backs it up.

Logs and note text kept after a failed save: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/window_dialogs.py" line="169"/>
        <source>Your library: {0}
Backups: {1}
Logs: {2}

Quit Trial Tracker before you copy or move the folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/window_dialogs.py" line="172"/>
        <source>Where your data lives</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiscoverDialog</name>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="97"/>
        <source>Discover trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="108"/>
        <source>e.g. multiple sclerosis (empty: any condition)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="111"/>
        <source>e.g. mesenchymal OR &quot;stem cell&quot; (empty: any treatment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="123"/>
        <source>None ticked: any status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="136"/>
        <source>&amp;Condition:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="137"/>
        <source>&amp;Intervention:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="138"/>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="140"/>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="143"/>
        <source>Cancel search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="162"/>
        <source>NCT ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="162"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="162"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="162"/>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="162"/>
        <source>Tracked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="165"/>
        <source>Studies found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="188"/>
        <source>&amp;Track selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="190"/>
        <source>Save as &amp;watch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="192"/>
        <source>Re-run this search on every refresh and list new matching trials as candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="282"/>
        <source>Searching ClinicalTrials.gov…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="290"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="300"/>
        <source>%n stud(y|ies) found</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="302"/>
        <source>%n stud(y|ies) match(es|) in the registry</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="304"/>
        <source> (showing the first %n)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="306"/>
        <source>; you already track %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="314"/>
        <source>Search cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="318"/>
        <source>The search failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="321"/>
        <source>The search failed unexpectedly: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="357"/>
        <source>You track this trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="396"/>
        <source>Now tracking %n more trial(s): {ids}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="400"/>
        <source>The selected trials were already tracked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="405"/>
        <source>Could not track the selected trials: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="411"/>
        <source>Saved search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="418"/>
        <source>Save as watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="419"/>
        <source>Name of this saved search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="448"/>
        <source>Could not save the watch: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/discover_dialog.py" line="439"/>
        <source>Saved the search as “{name}”. It is re-run after every full refresh; new matching trials are listed as candidates.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="14"/>
        <source>No starred trials yet.
Select a trial and press Ctrl+D to star it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="17"/>
        <source>Nothing changed since you last reviewed. All caught up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="20"/>
        <source>None of your trials is recruiting right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="21"/>
        <source>None of your trials is waiting to open (not yet recruiting).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="24"/>
        <source>None of your trials has a site recruiting near your home place.
Change how far “near” is in Preferences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="29"/>
        <source>None of your trials has posted results yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="30"/>
        <source>No problems: every trial was found in the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="33"/>
        <source>No new candidates from your saved searches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="40"/>
        <source>No trials tracked — Add trials or Discover.

Add trials by their NCT ID, or search the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="47"/>
        <source>No trials match “{words}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="50"/>
        <source>No trials match these filters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="52"/>
        <source>(Showing only: {list}.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="57"/>
        <source>No trials here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="83"/>
        <source>Add trials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="85"/>
        <source>Discover…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/empty_state.py" line="87"/>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="31"/>
        <source>Trial Tracker bundle (*.json)</source>
        <extracomment>File-dialog filter (translated where it is shown) -&gt; export format.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="32"/>
        <source>Spreadsheet (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="33"/>
        <source>Report to share (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="35"/>
        <source>Bundles and lists of NCT IDs (*.json *.csv *.txt *.md);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="68"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="75"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="87"/>
        <source>Replace your library with the copy in {name}? Your library as it is now is saved as a backup first. The window closes and opens again on the copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="90"/>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="102"/>
        <source>Cannot restore: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="102"/>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="111"/>
        <source>Exported to {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="112"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="124"/>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="130"/>
        <source>Backup written: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="131"/>
        <source>Backup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/file_actions.py" line="137"/>
        <source>%n added</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/file_actions.py" line="138"/>
        <source>%n already tracked</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/file_actions.py" line="141"/>
        <source>%n note(s) added</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/file_actions.py" line="142"/>
        <source>Imported: {0}</source>
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
    <message>
        <location filename="../../src/trialtracker/ui/filter_bar.py" line="89"/>
        <source>{shown} of {tracked}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/filter_bar.py" line="91"/>
        <source>%n trial(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="27"/>
        <source>Seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="28"/>
        <source>What changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="29"/>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="30"/>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="31"/>
        <source>Registry update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="34"/>
        <source>● actual date   ○ estimated date   | status change   ┆ today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="41"/>
        <source>status {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="54"/>
        <source>History of {nct}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="71"/>
        <source>Every recorded change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="87"/>
        <source>{date} · new</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="92"/>
        <source>%n change(s) recorded since you started tracking this trial; the ones you have not reviewed yet are in bold.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/history_dialog.py" line="98"/>
        <source>No changes recorded yet: refresh to fetch this trial from the registry.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomePlaceGroup</name>
    <message>
        <location filename="../../src/trialtracker/ui/home_place.py" line="38"/>
        <source>Sites near me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/home_place.py" line="40"/>
        <source>Your town, e.g. Portland, Oregon — or latitude, longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/home_place.py" line="42"/>
        <source>Home place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/home_place.py" line="49"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/home_place.py" line="50"/>
        <source>Forget the home place (no distances are shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/home_place.py" line="55"/>
        <source> km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/home_place.py" line="57"/>
        <source>Near means within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/home_place.py" line="68"/>
        <source>Used to show how far each trial site is, nearest first, and the list “Open near me”. Suggestions come from a list of towns inside the app; your place is saved on this computer only and never sent anywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/home_place.py" line="78"/>
        <source>Home place:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/home_place.py" line="80"/>
        <source>“Near” means within:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeepCurrent</name>
    <message>
        <location filename="../../src/trialtracker/ui/staying_current.py" line="70"/>
        <source>Trial Tracker: news about your trials</source>
        <extracomment>How often the window asks whether a refresh is due (the refresh itself follows the preference).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeptNotesOffer</name>
    <message>
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="89"/>
        <source>Unsaved notes found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="92"/>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="93"/>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeptNotesWords</name>
    <message>
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="36"/>
        <source>• {nct}: {heading} (from {when})</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="40"/>
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="42"/>
        <source>Trial Tracker could not save %n note(s) last time. The text was kept safe:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="45"/>
        <source>Restore now? If a note was changed since then, both versions are kept (the kept text comes back as a new note).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="54"/>
        <source>Restored %n kept note(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="56"/>
        <source> (%n as new notes)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="60"/>
        <source>; %n could not be saved ({error}) and stay kept for next time</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="130"/>
        <source>Their text is safe in a recovery file. Click to try saving again and show the note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/kept_notes.py" line="138"/>
        <source>%n note(s) not saved — Retry</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/trialtracker/ui/main_window.py" line="120"/>
        <source>Trial Tracker</source>
        <extracomment>Below this width a first start hides the sidebar (View ▸ Sidebar brings it back). How long closing waits for note saves before asking (a locked database makes each try wait 10 s). A library of more than PROGRESSIVE_FROM trials first shows FIRST_SCREEN_ROWS of them and reads the rest in the background: 10,000 rows took ~0.4 s to read before the window could show anything.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/main_window.py" line="122"/>
        <source>Trial Tracker — team library {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/main_window.py" line="179"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/main_window.py" line="180"/>
        <location filename="../../src/trialtracker/ui/main_window.py" line="448"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/main_window.py" line="331"/>
        <location filename="../../src/trialtracker/ui/main_window.py" line="348"/>
        <source>Could not read the database: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/main_window.py" line="361"/>
        <source>Could not read every trial: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/main_window.py" line="366"/>
        <source>Reading all %Ln trial(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/main_window.py" line="448"/>
        <source>Notes ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/main_window.py" line="542"/>
        <source>Your %n trial(s) (has|have) no current status yet: the list that comes with Trial Tracker does not include them. Fetch them from ClinicalTrials.gov now?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="325"/>
        <source>&amp;File</source>
        <extracomment>The toolbar and the table&apos;s row menu, by action name (None: a separator). The menu bar: (title with its mnemonic, action names; None: a separator).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="329"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="330"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="332"/>
        <source>&amp;Trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="352"/>
        <source>&amp;Watches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/action_table.py" line="353"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="141"/>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoteSaver</name>
    <message>
        <location filename="../../src/trialtracker/ui/note_saver.py" line="172"/>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="99"/>
        <source>New note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="100"/>
        <source>Start another note on this trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="102"/>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="288"/>
        <source>Delete note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="104"/>
        <source>All notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="105"/>
        <source>Search the notes of every trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="115"/>
        <source>Note text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="118"/>
        <source>Write a note about this trial — questions for your MS team, what changed, links…

Markdown works: **bold**, - lists, [links](https://…). Saved automatically.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="128"/>
        <source>Note preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="129"/>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="137"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="139"/>
        <source>Try to save this note again now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="254"/>
        <source>Notes not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="271"/>
        <source>New note — it is saved as soon as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="281"/>
        <source>This note is being saved; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="285"/>
        <source>Delete the note “{heading}”? (Edit ▸ Undo brings it back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="287"/>
        <source>Delete the note “{heading}”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="323"/>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="340"/>
        <source>Could not delete the note: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="315"/>
        <source>Delete note “{heading}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="334"/>
        <source>Could not bring the note back: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="398"/>
        <source>Reading notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="423"/>
        <source>The notes could not be read: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="452"/>
        <source>%n note(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="461"/>
        <source>conflict copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="509"/>
        <source>Editing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="540"/>
        <source>Not saved: {error}. Your text is still here, and a copy is kept in {file}. Trying again every few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="545"/>
        <source>Not saved: {error}. Your text is still here (no copy could be written). Trying again every few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="550"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="554"/>
        <source>This note had been changed elsewhere meanwhile, so your text was saved beside it as a conflict copy (both texts are kept).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="559"/>
        <source>Saved {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="578"/>
        <source>the database did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="579"/>
        <source>%n note(s) could not be saved (first: {nct}): {error}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="585"/>
        <source>Their text could not be written to a recovery file either: if you close now, it is lost. Copy it somewhere safe first, or try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/notes_panel.py" line="593"/>
        <source>The text is kept in {files} and will be offered the next time Trial Tracker starts. You can also try saving again now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfflineMode</name>
    <message>
        <location filename="../../src/trialtracker/ui/offline.py" line="44"/>
        <source>Offline: the team library at {0} does not answer. What is shown stays readable; changes wait until it is back. Note text you type is kept on this computer and saved when the connection returns.</source>
        <extracomment>The window&apos;s actions that write to the library (``act_&lt;name&gt;``): disabled while offline.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/offline.py" line="51"/>
        <source>Offline:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="76"/>
        <source>on</source>
        <extracomment>setting name -&gt; (its environment variable, its command-line option if it has one)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="76"/>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="78"/>
        <source>{0}&#xa0;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="85"/>
        <source>Now set by ${env} ({value}); what you save here is used when that is not set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="90"/>
        <source>Now set by the command-line option {option} ({value}); what you save here is used when it is not given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="96"/>
        <source>Now set by the command line ({value}); what you save here is used when it is not given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="159"/>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="171"/>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="172"/>
        <source>Use the public ClinicalTrials.gov API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="191"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="198"/>
        <source>API address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="204"/>
        <source>Leave empty to use the public registry. Change it only for a mirror or testing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="207"/>
        <source>Pause between requests:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="209"/>
        <source>Be polite to the public registry: 1 second or more is recommended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="212"/>
        <source>Refresh tracked trials when the app starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="216"/>
        <location filename="../../src/trialtracker/ui/preferences.py" line="223"/>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="222"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="225"/>
        <source>While open, refresh every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="227"/>
        <source>While the window is open, refresh every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="231"/>
        <source>…if the last refresh is older than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="244"/>
        <source>Start-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="250"/>
        <source>Colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="255"/>
        <source>Colours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="261"/>
        <source>Saved in {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="353"/>
        <source>Your preferences could not be saved to {file}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="354"/>
        <location filename="../../src/trialtracker/ui/preferences.py" line="389"/>
        <source>Preferences not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="361"/>
        <source>The password was taken out of the team library&apos;s address and saved in {file}, which only you can read; the connection finds it there. Your preferences keep the address without it:
{url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="364"/>
        <source>Password kept apart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/preferences.py" line="388"/>
        <source>Your name in the team was not saved (nor the other preferences): {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintPage</name>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="183"/>
        <source>the printer or file could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="199"/>
        <source>Page {page} of {pages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="281"/>
        <source>Could not read {nct}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="273"/>
        <source>{nct} is no longer tracked.</source>
        <extracomment>The paint device pages are laid out on: 96 dpi whatever the screen&apos;s. It lives as long as the module, as a document&apos;s layout keeps a bare pointer to its paint device.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="293"/>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="300"/>
        <source>Print {nct} with your notes, or save it as a PDF?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="302"/>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="303"/>
        <source>Save as P&amp;DF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="324"/>
        <source>Could not print {nct}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="334"/>
        <source>Save as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="336"/>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="348"/>
        <source>Could not save the PDF: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefreshController</name>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="120"/>
        <source>Refresh failed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefreshStatus</name>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="161"/>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="169"/>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="171"/>
        <source>Refreshing from ClinicalTrials.gov…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="198"/>
        <source>Never refreshed — press F5 to fetch the latest records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="202"/>
        <source>Last refresh {when} (cancelled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="204"/>
        <source>Last refresh {when} (failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="206"/>
        <source>Last refresh {when} ({updated} updated, {changed} changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="208"/>
        <source>{said} by {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="215"/>
        <source>Refresh: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="219"/>
        <source>Refresh cancelled. %n trial(s) (was|were) updated before it stopped; the rest keep their stored data.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="231"/>
        <source>Could not reach ClinicalTrials.gov — showing the data stored on this computer. ({error})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="245"/>
        <source>Up to date: the registry has not changed since the last refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="248"/>
        <source>Refreshed %n trial(s): nothing changed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="263"/>
        <source>Not found in the registry: {ids}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/refresh_view.py" line="266"/>
        <source>%n new candidate(s) from your saved searches.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="30"/>
        <source>Restoring puts the chosen copy back as your library: trials, notes, tags and history as they were then. Your library as it is now is saved as a backup first, and the window opens again on the copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="42"/>
        <source>copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="45"/>
        <source>{0} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="47"/>
        <source>{0} kB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="56"/>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="63"/>
        <source>Backups, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="73"/>
        <source>No backups yet: Trial Tracker makes one each day it is used, and File ▸ Back up now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="80"/>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="82"/>
        <source>Other &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="84"/>
        <source>Restore a copy kept somewhere else (a .sqlite3 file made by Trial Tracker)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="108"/>
        <source>Restore from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/restore_dialog.py" line="110"/>
        <source>Trial Tracker library (*.sqlite3);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafeTextBrowser</name>
    <message>
        <location filename="../../src/trialtracker/ui/safe_browser.py" line="152"/>
        <source>image</source>
        <extracomment>Zero-width space: the alt text given to images that have none, so Qt keeps them (see setMarkdown).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShareBox</name>
    <message>
        <location filename="../../src/trialtracker/ui/note_sharing.py" line="47"/>
        <source>Shared with the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/note_sharing.py" line="65"/>
        <source>Notes are private until you share them: write first, then share.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/note_sharing.py" line="67"/>
        <source>Shared notes can be read and edited by the whole team; private ones only by you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/note_sharing.py" line="69"/>
        <source>Only its author decides who reads this note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/note_sharing.py" line="93"/>
        <source>Could not change who reads this note: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sharing</name>
    <message>
        <location filename="../../src/trialtracker/ui/note_sharing.py" line="32"/>
        <source>you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/note_sharing.py" line="32"/>
        <source>someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/note_sharing.py" line="33"/>
        <source>shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/note_sharing.py" line="33"/>
        <source>private</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="21"/>
        <source>All trials</source>
        <extracomment>The lists&apos; names as the window shows them (the same words as ``SmartList``&apos;s values, for lupdate).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="22"/>
        <source>Starred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="23"/>
        <source>Changed since last review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="24"/>
        <source>Recruiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="25"/>
        <source>Opening soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="26"/>
        <source>Open near me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="27"/>
        <source>With results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="28"/>
        <source>Not found / errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="29"/>
        <source>New candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="64"/>
        <source>Lists and tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="65"/>
        <source>Lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="66"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="67"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="83"/>
        <source>All notes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="84"/>
        <source>Search the notes of every trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="103"/>
        <source>{list} (≤ {km} km)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="116"/>
        <source>{tag} · only you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="120"/>
        <source>Only you see this tag. Right-click it to share it with the team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="126"/>
        <source>No tags yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="128"/>
        <source>Select trials and use Tag… (Ctrl+Shift+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="144"/>
        <source>Trials with a site the registry lists as recruiting within {km} km of your home place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="198"/>
        <source>Share with the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/sidebar.py" line="199"/>
        <source>Every member then sees this tag and the trials it is on</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../src/trialtracker/ui/app.py" line="150"/>
        <source>Trial Tracker cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/app.py" line="156"/>
        <source>Trial Tracker cannot open its data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/app.py" line="187"/>
        <source>Trial Tracker is already running for {folder} but does not answer; close it (or end it in your task manager) and start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/app.py" line="211"/>
        <source>Note: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/app.py" line="250"/>
        <source>the team library could not be opened ({error}); this is the library on this computer. File ▸ Team library… tries again or changes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/app.py" line="266"/>
        <source>could not restore {name}: {error}. Your library is as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/app.py" line="271"/>
        <source>restored {name}; your library as it was is kept in {backup}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/app.py" line="275"/>
        <source>restored {name}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBadgeLabel</name>
    <message>
        <location filename="../../src/trialtracker/ui/status_badge.py" line="111"/>
        <source>What does this status mean? (opens “Reading a trial record”)</source>
        <extracomment>colour role -&gt; (light background, light text, dark background, dark text) The status a view passes for a trial the registry no longer has (a STOPPED-coloured &quot;Not found&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/status_badge.py" line="119"/>
        <source>Status: {status}. Press Enter to read what it means</source>
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
    <name>TagDialog</name>
    <message>
        <location filename="../../src/trialtracker/ui/tag_dialog.py" line="15"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/tag_dialog.py" line="21"/>
        <source>Tags, separated with commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/tag_dialog.py" line="25"/>
        <source>Only for me: other members of the team do not see the tags I add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/tag_dialog.py" line="27"/>
        <source>Personal tags are yours alone. You can share one later: right-click it in the sidebar.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamLibraryGroup</name>
    <message>
        <location filename="../../src/trialtracker/ui/team_library.py" line="27"/>
        <source>Team library</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/team_library.py" line="29"/>
        <source>postgresql://you@server.example.org/msclinic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/team_library.py" line="31"/>
        <source>Team library address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/team_library.py" line="39"/>
        <source>Leave empty to use the library on this computer. A password typed here is moved to {file}, which only you can read; these preferences keep the address without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/team_library.py" line="52"/>
        <source>Reading your name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/team_library.py" line="67"/>
        <source>e.g. Alice Smith (your login is always shown with it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/team_library.py" line="53"/>
        <source>Your name in the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/team_library.py" line="57"/>
        <source>Your name in the team:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <location filename="../../src/trialtracker/ui/theme.py" line="19"/>
        <source>Same as the system</source>
        <extracomment>The choices&apos; names (translated where they are shown: ``QCoreApplication.translate(&quot;Theme&quot;, name)``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/theme.py" line="20"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/theme.py" line="21"/>
        <source>Dark</source>
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
    <name>TimelineStrip</name>
    <message>
        <location filename="../../src/trialtracker/ui/timeline_strip.py" line="26"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/timeline_strip.py" line="27"/>
        <source>Main results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/timeline_strip.py" line="28"/>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/timeline_strip.py" line="68"/>
        <source>{name}: {date} (actual)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/timeline_strip.py" line="70"/>
        <source>{name}: {date} (estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/timeline_strip.py" line="78"/>
        <source>{date}: Status {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/timeline_strip.py" line="80"/>
        <source>{date}: First seen as {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/timeline_strip.py" line="88"/>
        <source>No dates known yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/timeline_strip.py" line="99"/>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/timeline_strip.py" line="170"/>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopicBrowser</name>
    <message>
        <location filename="../../src/trialtracker/ui/topic_browser.py" line="55"/>
        <source>Topics — Trial Tracker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/topic_browser.py" line="65"/>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/topic_browser.py" line="88"/>
        <source>Topic text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/topic_browser.py" line="90"/>
        <location filename="../../src/trialtracker/ui/topic_browser.py" line="95"/>
        <source>Trials linked to this topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/topic_browser.py" line="96"/>
        <source>Double-click to show the trial in the main window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/topic_browser.py" line="182"/>
        <source>Reading the linked trials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/topic_browser.py" line="195"/>
        <source>Could not read the linked trials: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/topic_browser.py" line="203"/>
        <source>Trials linked to this topic ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/topic_browser.py" line="204"/>
        <source>No tracked trial is linked to this topic</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrialActions</name>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="37"/>
        <source>Could not remove the trials: {error}</source>
        <extracomment>A write&apos;s name (its task&apos;s, in the log) -&gt; what the user is told when it fails.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="38"/>
        <source>Could not put the trials back: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="39"/>
        <source>Could not star the trials: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="40"/>
        <source>Could not tag the trials: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="41"/>
        <source>Could not share the tag: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="42"/>
        <source>Could not mark the changes reviewed: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="45"/>
        <source>Could not mark the changes new again: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="48"/>
        <source>Could not add the trials: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="49"/>
        <source>Could not track the trial: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="50"/>
        <source>Could not dismiss the candidate: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="51"/>
        <source>Could not read the trials: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="228"/>
        <source> and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="231"/>
        <source>Stop tracking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="233"/>
        <source>Stop tracking {ids}?

Your notes are kept. Edit ▸ Undo brings the trial back with its history, tags and star.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="250"/>
        <source>Stopped tracking {ids}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="253"/>
        <source>Remove {trials}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="280"/>
        <source>Star {trials}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="280"/>
        <source>Unstar {trials}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="295"/>
        <source>Tags for {nct} (separate with commas):</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="297"/>
        <source>Tags for %n trial(s) (separate with commas):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="327"/>
        <source>Tag {trials}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="340"/>
        <source>Mark {trials} reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="346"/>
        <source>Mark all reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="367"/>
        <source>Marked %n change(s) reviewed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="394"/>
        <source>Added %n trial(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="396"/>
        <source>; already tracked: {ids}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="426"/>
        <source>Saved search “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="430"/>
        <source>Now tracking {ids}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="471"/>
        <source>Could not {what}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="479"/>
        <source>{0} and {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_actions.py" line="480"/>
        <source>%n trial(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrialPage</name>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="55"/>
        <source>Copy</source>
        <extracomment>The long description is folded after this many characters until the reader asks for more.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="55"/>
        <source>copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="96"/>
        <source>What it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="99"/>
        <source>More detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="105"/>
        <source>Show the full description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="107"/>
        <source>How the study is designed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="111"/>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="119"/>
        <source>Groups in the study</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="121"/>
        <source>over {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="129"/>
        <source>What is measured, and for how long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="140"/>
        <source>As the registry lists it. Only the study team can say whether you can take part; this is not medical advice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="143"/>
        <source>Could I join?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="145"/>
        <source>Who can take part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="147"/>
        <source>Who cannot take part</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="158"/>
        <source>Whom to ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="163"/>
        <source>What it found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="165"/>
        <source>Results are posted on the registry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="165"/>
        <source>see the results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="168"/>
        <source>No results are posted on the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/join_page.py" line="175"/>
        <source>Publications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="83"/>
        <source>Status:</source>
        <extracomment>A heading this close to a page&apos;s end (as a share of the page) starts the next page. Links that still mean something on paper (shown as text, with the address where it differs).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="84"/>
        <source>Printed {date} from Trial Tracker — not medical advice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="109"/>
        <source>(see “{title}” in Topics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="118"/>
        <source>My notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="120"/>
        <source>You have no notes on this trial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="124"/>
        <source>Written {written}, edited {edited}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="128"/>
        <source>Written {written}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="142"/>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="202"/>
        <source>Background reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="144"/>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="203"/>
        <source>No topic is linked to this trial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/print_page.py" line="145"/>
        <source>Read them in Trial Tracker: Topics (F1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="67"/>
        <source>⚠ Caution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="67"/>
        <source>Why this matters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="73"/>
        <source>What a registry listing tells you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="80"/>
        <source>Also registered as {ids}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="83"/>
        <source>not found in the registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="84"/>
        <source>Last refresh:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_page.py" line="92"/>
        <source>%n change(s) since you last reviewed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="93"/>
        <source>Mark reviewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="100"/>
        <source>Key facts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="111"/>
        <source>Interventions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="113"/>
        <source>Cell therapy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="114"/>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="115"/>
        <source>MS type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="116"/>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="117"/>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="120"/>
        <source>From the Trial Tracker catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="127"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="128"/>
        <source>Tracked since {date} · last refreshed {refreshed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="129"/>
        <source>only you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="130"/>
        <source> · tags: {tags}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="133"/>
        <source>Registry details appear after the first refresh (F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="137"/>
        <source>Eligibility, contacts, design and outcomes appear after the next refresh (F5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_page.py" line="148"/>
        <source>%n participant(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="152"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="152"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="154"/>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="282"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="155"/>
        <source>Why stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="156"/>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="157"/>
        <source>Study type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="158"/>
        <source>Enrollment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="160"/>
        <source>First posted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="161"/>
        <source>Last update posted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="162"/>
        <source>Results posted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="163"/>
        <source>Sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="164"/>
        <source>Conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="175"/>
        <source>(registry update {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="178"/>
        <source>First fetched: {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="182"/>
        <source>Status history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="193"/>
        <source>Stop linking this topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="193"/>
        <source>remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="204"/>
        <source>Link another topic…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="206"/>
        <source>restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="208"/>
        <source>Removed by you: {topics}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="225"/>
        <source>Country not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_page.py" line="231"/>
        <source>Sites ({sites} in %n countr(y|ies), {recruiting} listed as recruiting when last checked)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_page.py" line="237"/>
        <source>Sites ({sites} in %n countr(y|ies), {recruiting} recruiting)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="242"/>
        <source>Distances as the crow flies from {place}, nearest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="246"/>
        <source>{status} (last known)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="246"/>
        <source>Site</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_page.py" line="250"/>
        <source>%n site(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="251"/>
        <source>, {n} recruiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_page.py" line="269"/>
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="277"/>
        <source>A saved search found this study. It is not tracked yet: track it to follow its changes and keep notes, or dismiss it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="283"/>
        <source>Found by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_page.py" line="284"/>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrialTable</name>
    <message>
        <location filename="../../src/trialtracker/ui/trial_table.py" line="80"/>
        <source>Tracked trials</source>
        <extracomment>The nearest open site shows once a home place is set (:meth:`TrialTable.show_distances`).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_table.py" line="132"/>
        <source>Starred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_table.py" line="137"/>
        <source>Reset columns</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrialTableModel</name>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="60"/>
        <source>NCT ID</source>
        <extracomment>The columns&apos; titles and tips, in English (:func:`header_text` and :func:`header_tip` translate them).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="61"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="62"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="63"/>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="64"/>
        <source>Cell type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="65"/>
        <source>MS type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="66"/>
        <source>Last update posted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="67"/>
        <source>Last refreshed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="68"/>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="69"/>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="71"/>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="72"/>
        <source>Nearest open site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="75"/>
        <source>Changes since you last reviewed this trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="76"/>
        <source>Your notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="77"/>
        <source>Starred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="78"/>
        <source>When the registry record was last updated by the sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="81"/>
        <source>When Trial Tracker last fetched this trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="82"/>
        <source>The nearest site the registry lists as recruiting, as the crow flies from your home place (Preferences)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="326"/>
        <source>only you</source>
        <extracomment>Above this many separate runs of changed rows, one ``dataChanged`` covers them all (each signal makes the filter proxy place its rows again: 500 scattered rows were 500 passes over 10,000).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="330"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="334"/>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_model.py" line="336"/>
        <source>%n min ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_model.py" line="338"/>
        <source>%n h ago</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="346"/>
        <source>New candidate — {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="382"/>
        <source>starred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="382"/>
        <source>not starred</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_model.py" line="384"/>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="428"/>
        <source>%n note(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="384"/>
        <source>no notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/trial_model.py" line="387"/>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="426"/>
        <source>%n unreviewed change(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="387"/>
        <source>no unreviewed changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="423"/>
        <source>{status} — last refresh: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="432"/>
        <source>Cell type guessed from the registry record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="437"/>
        <source>Nearest site listed as recruiting: {site}, {distance} away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/trial_model.py" line="438"/>
        <source>a site</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WatchActions</name>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="286"/>
        <source>read the saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="298"/>
        <source>Running the saved searches…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="299"/>
        <source>run the saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="331"/>
        <source>Saved the search “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="337"/>
        <source>Not saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="339"/>
        <source>Not saved: an unexpected error (see the log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="346"/>
        <source>Removed the saved search “{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="350"/>
        <source>remove the saved search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="357"/>
        <source>Stopped the saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="359"/>
        <source>Could not {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="360"/>
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
        <location filename="../../src/trialtracker/ui/watches.py" line="41"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="42"/>
        <source>Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="43"/>
        <source>Intervention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="44"/>
        <source>Statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="45"/>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="46"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="49"/>
        <source>Each saved search runs again after every full refresh. Trials it finds that you do not track yet are listed under “New candidates”, where you can track or dismiss them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="54"/>
        <source>No saved searches yet. Use “New…” to search the registry, then “Save as watch…” in that dialog: the search then runs again after every full refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="68"/>
        <source>failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="70"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="73"/>
        <source>{0} · ? found</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/watches.py" line="74"/>
        <source>{0} · %n found</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/watches.py" line="81"/>
        <source>Saved searches found %n new candidate(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="83"/>
        <source>No new candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/trialtracker/ui/watches.py" line="85"/>
        <source>; %n search(es) failed: {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WatchesDialog</name>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="106"/>
        <source>Saved searches (watches)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="114"/>
        <source>Saved searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="127"/>
        <source>&amp;New…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="128"/>
        <source>Search the registry; save the search from there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="129"/>
        <location filename="../../src/trialtracker/ui/watches.py" line="198"/>
        <source>&amp;Run all now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="130"/>
        <source>Search the registry again for every saved search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="131"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="132"/>
        <source>Rename the selected saved search or change what it looks for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="133"/>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="135"/>
        <source>Delete the selected saved search and the candidates only it found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="137"/>
        <source>Show &amp;candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="139"/>
        <source>Show the trials the searches found that you have not decided on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="175"/>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="198"/>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="230"/>
        <source>Remove saved search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../src/trialtracker/ui/watches.py" line="231"/>
        <source>Remove the saved search “{0}”? Trials you track stay tracked; candidates only this search found are forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
