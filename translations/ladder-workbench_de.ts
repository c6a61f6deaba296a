<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ladder::MainWindow</name>
    <message>
        <location filename="../app/workbench/MainWindow.cpp" line="15"/>
        <source>Ladder Workbench %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/workbench/MainWindow.cpp" line="19"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/workbench/MainWindow.cpp" line="20"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ladder::VersionPanel</name>
    <message>
        <location filename="../widgets/about/VersionPanel.cpp" line="15"/>
        <source>Ladder Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/about/VersionPanel.cpp" line="22"/>
        <source>Ladder Side-Tuning and parameter-efficient fine-tuning of T5, measured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../widgets/about/VersionPanel.cpp" line="38"/>
        <source>ladder-workbench %1 / Qt %2 (built with %3) / LibTorch %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/workbench/main.cpp" line="33"/>
        <source>Ladder Side-Tuning workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/workbench/main.cpp" line="36"/>
        <source>Print the versions of the application, Qt and LibTorch.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
