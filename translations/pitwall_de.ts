<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>KafkaConnectionDialog</name>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="5"/>
        <source>Kafka connection</source>
        <translation>Kafka-Verbindung</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="9"/>
        <source>Embedded broker (no account, no network)</source>
        <translation>Eingebauter Broker (ohne Konto, ohne Netzwerk)</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="15"/>
        <source>A Kafka cluster</source>
        <translation>Ein Kafka-Cluster</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="23"/>
        <source>&amp;Bootstrap servers:</source>
        <translation>&amp;Bootstrap-Server:</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="29"/>
        <source>host:9092[,host:9092…]</source>
        <translation>host:9092[,host:9092…]</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="34"/>
        <source>&amp;Properties file:</source>
        <translation>&amp;Eigenschaftendatei:</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="41"/>
        <source>optional: librdkafka key=value lines (SASL, TLS)</source>
        <translation>optional: librdkafka-Zeilen schlüssel=wert (SASL, TLS)</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="43"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="15"/>
        <source>Search races by name, circuit or state</source>
        <translation>Rennen nach Name, Strecke oder Zustand suchen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="41"/>
        <source>&amp;Replay</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="42"/>
        <source>Play the race again as it was recorded, commentary and anomalies included</source>
        <translation>Das Rennen so abspielen, wie es aufgezeichnet wurde, mit Kommentaren und Anomalien</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="47"/>
        <source>Re-&amp;run pipeline</source>
        <translation>Pipeline &amp;neu ausführen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="48"/>
        <source>Play the race&apos;s own data again and run the pipeline on it afresh</source>
        <translation>Die Daten des Rennens erneut abspielen und die Pipeline neu darauf anwenden</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="58"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="59"/>
        <source>Add a race exported as JSON Lines</source>
        <translation>Ein als JSON Lines exportiertes Rennen hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="64"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="65"/>
        <source>Write the race to a file: JSON Lines (can be imported) or CSV</source>
        <translation>Das Rennen in eine Datei schreiben: JSON Lines (importierbar) oder CSV</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="70"/>
        <source>Re&amp;name</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="75"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.ui" line="9"/>
        <source>Pit Wall</source>
        <translation>Pit Wall</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="25"/>
        <source>Press Start to run a race on the embedded Kafka broker.</source>
        <translation>Start drücken, um ein Rennen auf dem eingebauten Kafka-Broker zu fahren.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="45"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="51"/>
        <source>&amp;Race</source>
        <translation>&amp;Rennen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="56"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="59"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="68"/>
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="77"/>
        <source>&amp;Start race</source>
        <translation>Rennen &amp;starten</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="78"/>
        <source>Start a race on the connected Kafka (Ctrl+R)</source>
        <translation>Ein Rennen auf dem verbundenen Kafka starten (Strg+R)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="79"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="82"/>
        <source>S&amp;top race</source>
        <translation>Rennen s&amp;toppen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="83"/>
        <source>Stop the race after every message is read back (Ctrl+.)</source>
        <translation>Das Rennen beenden, sobald jede Nachricht zurückgelesen ist (Strg+.)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="84"/>
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="87"/>
        <source>&amp;Kafka connection…</source>
        <translation>&amp;Kafka-Verbindung…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="88"/>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="91"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="92"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="95"/>
        <source>&amp;About Pit Wall</source>
        <translation>Ü&amp;ber Pit Wall</translation>
    </message>
</context>
<context>
    <name>PipelinePanel</name>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="33"/>
        <source>The same stage as Flink SQL for Confluent Cloud:</source>
        <translation>Dieselbe Stufe als Flink SQL für Confluent Cloud:</translation>
    </message>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="40"/>
        <source>Select a stage to see its Flink SQL.</source>
        <translation>Wählen Sie eine Stufe, um ihr Flink SQL zu sehen.</translation>
    </message>
</context>
<context>
    <name>pitwall::KafkaConnectionDialog</name>
    <message>
        <location filename="../src/gui/KafkaConnectionDialog.cpp" line="21"/>
        <source>librdkafka properties file</source>
        <translation>librdkafka-Eigenschaftendatei</translation>
    </message>
    <message>
        <location filename="../src/gui/KafkaConnectionDialog.cpp" line="41"/>
        <source>Enter the bootstrap servers or a properties file that names them.</source>
        <translation>Bootstrap-Server eingeben oder eine Eigenschaftendatei, die sie nennt.</translation>
    </message>
</context>
<context>
    <name>pitwall::LeaderboardModel</name>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="29"/>
        <source>Pos</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="30"/>
        <source>+/-</source>
        <translation>+/-</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="31"/>
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="32"/>
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="33"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="34"/>
        <source>Gap</source>
        <translation>Abstand</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="35"/>
        <source>Tyre</source>
        <translation>Reifen</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="36"/>
        <source>Pits</source>
        <translation>Stopps</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="37"/>
        <source>Speed (km/h)</source>
        <translation>Tempo (km/h)</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="61"/>
        <source>OUT</source>
        <translation>AUS</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="63"/>
        <source>PIT</source>
        <translation>BOX</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="65"/>
        <source>Winner</source>
        <translation>Sieger</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="65"/>
        <source>Leader</source>
        <translation>Führender</translation>
    </message>
</context>
<context>
    <name>pitwall::LibraryPanel</name>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="94"/>
        <source>Select a race to see its result.</source>
        <translation>Wählen Sie ein Rennen, um sein Ergebnis zu sehen.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="95"/>
        <source>No races yet: every race you run is kept here.</source>
        <translation>Noch keine Rennen: jedes Rennen, das Sie fahren, wird hier aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="99"/>
        <source>no result</source>
        <translation>kein Ergebnis</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="101"/>
        <source>%1 — %2 laps, %3 — %4. Race time recorded: %5 min.</source>
        <translation>%1 — %2 Runden, %3 — %4. Aufgezeichnete Renndauer: %5 min.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="104"/>
        <source>won by %1</source>
        <translation>gewonnen von %1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="104"/>
        <source>not finished (%1)</source>
        <translation>nicht beendet (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="105"/>
        <source>no followed driver</source>
        <translation>kein verfolgter Fahrer</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="106"/>
        <source>following %1</source>
        <translation>verfolgt %1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="115"/>
        <source>Delete race</source>
        <translation>Rennen löschen</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="116"/>
        <source>Delete &quot;%1&quot; and everything recorded of it? This cannot be undone.</source>
        <translation>„%1“ und alles Aufgezeichnete löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="129"/>
        <source>JSON Lines, can be imported (*.jsonl)</source>
        <translation>JSON Lines, importierbar (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="129"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="130"/>
        <source>Export race</source>
        <translation>Rennen exportieren</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="137"/>
        <source>Exported %1 messages to %2.</source>
        <translation>%1 Nachrichten nach %2 exportiert.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="143"/>
        <source>Import race</source>
        <translation>Rennen importieren</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="143"/>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="148"/>
        <source>Imported &quot;%1&quot;.</source>
        <translation>„%1“ importiert.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="156"/>
        <source>Working…</source>
        <translation>Arbeite…</translation>
    </message>
</context>
<context>
    <name>pitwall::MainWindow</name>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="78"/>
        <source>About Pit Wall</source>
        <translation>Über Pit Wall</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="79"/>
        <source>&lt;b&gt;Pit Wall %1&lt;/b&gt;&lt;p&gt;Follow a Formula 1 race live: leaderboard, telemetry and a streaming-AI pit wall, on an embedded Kafka broker or your own cluster.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Pit Wall %1&lt;/b&gt;&lt;p&gt;Ein Formel-1-Rennen live verfolgen: Rangliste, Telemetrie und eine Streaming-KI-Boxenmauer, auf einem eingebauten Kafka-Broker oder dem eigenen Cluster.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="98"/>
        <source> Circuit </source>
        <translation> Strecke </translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="108"/>
        <source> Speed </source>
        <translation> Tempo </translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="113"/>
        <location filename="../src/gui/MainWindow.cpp" line="216"/>
        <source>As fast as possible</source>
        <translation>So schnell wie möglich</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="145"/>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="161"/>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="181"/>
        <location filename="../src/gui/MainWindow.cpp" line="192"/>
        <location filename="../src/gui/MainWindow.cpp" line="431"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="185"/>
        <source>Hold the replay, and resume it (Ctrl+Space)</source>
        <translation>Wiederholung anhalten und fortsetzen (Strg+Leertaste)</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="189"/>
        <source>Race time of the replay: drag to jump</source>
        <translation>Rennzeit der Wiederholung: ziehen, um zu springen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="192"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="230"/>
        <source>%1 — lap %2/%3 — live</source>
        <translation>%1 — Runde %2/%3 — live</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="262"/>
        <source>Connecting to Kafka at %1…</source>
        <translation>Verbinde mit Kafka unter %1…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="263"/>
        <source>Starting the embedded Kafka broker…</source>
        <translation>Starte den eingebauten Kafka-Broker…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="278"/>
        <source>%1. Change it in File ▸ Kafka connection (Ctrl+K).</source>
        <translation>%1. Ändern unter Datei ▸ Kafka-Verbindung (Strg+K).</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="279"/>
        <source>Kafka: not connected</source>
        <translation>Kafka: nicht verbunden</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="285"/>
        <source>Kafka: %1 (%2)</source>
        <translation>Kafka: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="287"/>
        <source>embedded broker</source>
        <translation>eingebauter Broker</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="287"/>
        <source>cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="333"/>
        <source>Replay of %1</source>
        <translation>Wiederholung: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="338"/>
        <source>Could not switch %1 on: %2</source>
        <translation>%1 ließ sich nicht einschalten: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="339"/>
        <source>Could not switch %1 off: %2</source>
        <translation>%1 ließ sich nicht ausschalten: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="359"/>
        <source>won by %1</source>
        <translation>gewonnen von %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="360"/>
        <source>stopped on lap %1</source>
        <translation>angehalten in Runde %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="361"/>
        <source>Race %1 — finished: %2 of %3 positions read back — %4</source>
        <translation>Rennen %1 — beendet: %2 von %3 Positionen zurückgelesen — %4</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="352"/>
        <source>The race could not start: %1</source>
        <translation>Das Rennen konnte nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="366"/>
        <source>Starting a race…</source>
        <translation>Starte ein Rennen…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="375"/>
        <source>Race %1 — stopping: reading back every message…</source>
        <translation>Rennen %1 — wird beendet: lese jede Nachricht zurück…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="400"/>
        <source>produced %1 · consumed %2</source>
        <translation>erzeugt %1 · gelesen %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="401"/>
        <source>lag %1</source>
        <translation>Rückstand %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="403"/>
        <source>errors %1 · skipped %2</source>
        <translation>Fehler %1 · übersprungen %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="404"/>
        <source>errors %1</source>
        <translation>Fehler %1</translation>
    </message>
</context>
<context>
    <name>pitwall::PipelineHealthModel</name>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="73"/>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="74"/>
        <source>In/s</source>
        <translation>Ein/s</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="75"/>
        <source>Out/s</source>
        <translation>Aus/s</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="76"/>
        <source>In</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="77"/>
        <source>Out</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="78"/>
        <source>Lag</source>
        <translation>Rückstand</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="79"/>
        <source>p50 µs</source>
        <translation>p50 µs</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="80"/>
        <source>p99 µs</source>
        <translation>p99 µs</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="81"/>
        <source>Dead-lettered</source>
        <translation>Dead Letter</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="82"/>
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="83"/>
        <source>Restarts</source>
        <translation>Neustarts</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceLibraryModel</name>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="34"/>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="45"/>
        <source>The race library is not open.</source>
        <translation>Die Rennbibliothek ist nicht geöffnet.</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="103"/>
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="104"/>
        <source>Circuit</source>
        <translation>Strecke</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="105"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="106"/>
        <source>Laps</source>
        <translation>Runden</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="107"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="108"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="109"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
</TS>
