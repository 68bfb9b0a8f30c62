<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AskPanel</name>
    <message>
        <location filename="../ui/AskPanel.ui" line="17" />
        <source>Search the commentary by meaning, or ask the race engineer, who looks the answer up in the live race</source>
        <translation>Den Kommentar nach Bedeutung durchsuchen oder den Renningenieur fragen, der die Antwort im laufenden Rennen nachschlägt</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="18" />
        <source>Search commentary</source>
        <translation>Kommentar durchsuchen</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="19" />
        <source>Race engineer</source>
        <translation>Renningenieur</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="24" />
        <source>Ask about the commentary, e.g. "comments about Hamilton"</source>
        <translation>Frag zum Kommentar, z. B. „Kommentare zu Hamilton“</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="31" />
        <source>This race only</source>
        <translation>Nur dieses Rennen</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="36" />
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="37" />
        <source>Forget this conversation and start a new one</source>
        <translation>Dieses Gespräch vergessen und ein neues beginnen</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="42" />
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="61" />
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="62" />
        <source>Commentary</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="63" />
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="64" />
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../ui/AskPanel.ui" line="85" />
        <source>Ask the race engineer about the running race, e.g. "What's the gap between Norris and Piastri, and who is faster on the last three laps?"</source>
        <translation>Fragen Sie den Renningenieur zum laufenden Rennen, z. B. „Wie groß ist der Abstand zwischen Norris und Piastri, und wer war in den letzten drei Runden schneller?“</translation>
    </message>
</context>
<context>
    <name>FeedPanel</name>
    <message>
        <location filename="../ui/FeedPanel.ui" line="14" />
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <location filename="../ui/FeedPanel.ui" line="20" />
        <source>Show only the lines about one driver</source>
        <translation>Nur die Zeilen zu einem Fahrer zeigen</translation>
    </message>
    <message>
        <location filename="../ui/FeedPanel.ui" line="32" />
        <source>Click a line to see that moment everywhere; Ctrl+C copies it</source>
        <translation>Eine Zeile anklicken, um diesen Moment überall zu sehen; Strg+C kopiert sie</translation>
    </message>
</context>
<context>
    <name>KafkaConnectionDialog</name>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="5" />
        <source>Kafka connection</source>
        <translation>Kafka-Verbindung</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="9" />
        <source>Embedded broker (no account, no network)</source>
        <translation>Eingebauter Broker (ohne Konto, ohne Netzwerk)</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="15" />
        <source>A Kafka cluster</source>
        <translation>Ein Kafka-Cluster</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="23" />
        <source>&amp;Bootstrap servers:</source>
        <translation>&amp;Bootstrap-Server:</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="29" />
        <source>host:9092[,host:9092…]</source>
        <translation>host:9092[,host:9092…]</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="34" />
        <source>&amp;Properties file:</source>
        <translation>&amp;Eigenschaftendatei:</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="41" />
        <source>optional: librdkafka key=value lines (SASL, TLS)</source>
        <translation>optional: librdkafka-Zeilen schlüssel=wert (SASL, TLS)</translation>
    </message>
    <message>
        <location filename="../ui/KafkaConnectionDialog.ui" line="43" />
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="15" />
        <source>Search races by name, circuit or state</source>
        <translation>Rennen nach Name, Strecke oder Zustand suchen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="41" />
        <source>&amp;Replay</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="42" />
        <source>Play the race again as it was recorded, commentary and anomalies included</source>
        <translation>Das Rennen so abspielen, wie es aufgezeichnet wurde, mit Kommentaren und Anomalien</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="47" />
        <source>Re-&amp;run pipeline</source>
        <translation>Pipeline &amp;neu ausführen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="48" />
        <source>Play the race's own data again and run the pipeline on it afresh</source>
        <translation>Die Daten des Rennens erneut abspielen und die Pipeline neu darauf anwenden</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="58" />
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="59" />
        <source>Add a race exported as JSON Lines</source>
        <translation>Ein als JSON Lines exportiertes Rennen hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="64" />
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="65" />
        <source>Write the race to a file: JSON Lines (can be imported) or CSV</source>
        <translation>Das Rennen in eine Datei schreiben: JSON Lines (importierbar) oder CSV</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="70" />
        <source>Re&amp;name</source>
        <translation>&amp;Umbenennen</translation>
    </message>
    <message>
        <location filename="../ui/LibraryPanel.ui" line="75" />
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
</context>
<context>
    <name>LiveServersDialog</name>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="8" />
        <source>Live servers</source>
        <translation>Live-Server</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="12" />
        <source>MCP server for AI agents</source>
        <translation>MCP-Server für KI-Agenten</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="17" />
        <location filename="../ui/LiveServersDialog.ui" line="67" />
        <source>Port (loopback)</source>
        <translation>Port (nur lokal)</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="27" />
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="39" />
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="44" />
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="47" />
        <source>New token</source>
        <translation>Neues Token</translation>
    </message>
    <message>
        <location filename="../ui/LiveServersDialog.ui" line="62" />
        <source>WebSocket live feed and overlay</source>
        <translation>WebSocket-Live-Feed und Overlay</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.ui" line="9" />
        <source>Pit Wall</source>
        <translation>Pit Wall</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="25" />
        <source>Press Start to run a race on the embedded Kafka broker.</source>
        <translation>Start drücken, um ein Rennen auf dem eingebauten Kafka-Broker zu fahren.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="60" />
        <source>Back to the leaderboard</source>
        <translation>Zurück zur Rangliste</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="71" />
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="78" />
        <source>&amp;Race</source>
        <translation>&amp;Rennen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="83" />
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="87" />
        <source>&amp;Theme</source>
        <translation>&amp;Design</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="96" />
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="105" />
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="114" />
        <source>&amp;Start race</source>
        <translation>Rennen &amp;starten</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="115" />
        <source>Start a race on the connected Kafka (Ctrl+R)</source>
        <translation>Ein Rennen auf dem verbundenen Kafka starten (Strg+R)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="116" />
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="119" />
        <source>S&amp;top race</source>
        <translation>Rennen s&amp;toppen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="120" />
        <source>Stop the race after every message is read back (Ctrl+.)</source>
        <translation>Das Rennen beenden, sobald jede Nachricht zurückgelesen ist (Strg+.)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="121" />
        <source>Ctrl+.</source>
        <translation>Ctrl+.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="124" />
        <source>&amp;Kafka connection…</source>
        <translation>&amp;Kafka-Verbindung…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="125" />
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="128" />
        <source>&amp;Live servers (MCP, overlay feed)…</source>
        <translation>&amp;Live-Server (MCP, Overlay-Feed)…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="129" />
        <source>Serve the live race to AI agents (MCP) and to overlays (WebSocket)</source>
        <translation>Das laufende Rennen für KI-Agenten (MCP) und Overlays (WebSocket) bereitstellen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="132" />
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="133" />
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="138" />
        <source>&amp;Live</source>
        <translation>&amp;Live</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="139" />
        <source>Follow the newest moment of the race again (End)</source>
        <translation>Wieder dem neuesten Moment des Rennens folgen (Ende)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="140" />
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="144" />
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="148" />
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="151" />
        <source>&amp;Reset layout</source>
        <translation>Anordnung &amp;zurücksetzen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="152" />
        <source>Put every panel back where it was at first start</source>
        <translation>Jedes Fenster wieder dorthin setzen, wo es beim ersten Start war</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.ui" line="155" />
        <source>&amp;About Pit Wall</source>
        <translation>Ü&amp;ber Pit Wall</translation>
    </message>
</context>
<context>
    <name>PipelinePanel</name>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="33" />
        <source>The same stage as Flink SQL for Confluent Cloud:</source>
        <translation>Dieselbe Stufe als Flink SQL für Confluent Cloud:</translation>
    </message>
    <message>
        <location filename="../ui/PipelinePanel.ui" line="40" />
        <source>Select a stage to see its Flink SQL.</source>
        <translation>Wählen Sie eine Stufe, um ihr Flink SQL zu sehen.</translation>
    </message>
</context>
<context>
    <name>TelemetryPanel</name>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="14" />
        <source>Against</source>
        <translation>Gegen</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="20" />
        <source>The rival drawn against the followed driver</source>
        <translation>Der Rivale, der gegen den verfolgten Fahrer gezeichnet wird</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="25" />
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="34" />
        <source>Window</source>
        <translation>Zeitfenster</translation>
    </message>
    <message>
        <location filename="../ui/TelemetryPanel.ui" line="40" />
        <source>Time shown; the mouse wheel zooms, dragging pans, a click jumps there</source>
        <translation>Gezeigte Zeit; das Mausrad zoomt, Ziehen verschiebt, ein Klick springt dorthin</translation>
    </message>
</context>
<context>
    <name>pitwall::AnomalyListModel</name>
    <message>
        <location filename="../src/gui/AnomalyListModel.cpp" line="86" />
        <source>%1 of %2 (%3) read %4, outside the expected %5 – %6</source>
        <translation>%1 von %2 (%3) zeigte %4, außerhalb der erwarteten %5 – %6</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyListModel.cpp" line="101" />
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyListModel.cpp" line="102" />
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyListModel.cpp" line="103" />
        <source>Metric</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyListModel.cpp" line="104" />
        <source>Actual</source>
        <translation>Ist</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyListModel.cpp" line="105" />
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyListModel.cpp" line="106" />
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
</context>
<context>
    <name>pitwall::AnomalyPanel</name>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="62" />
        <source>Select an anomaly to see its moment in every panel</source>
        <translation>Eine Anomalie wählen, um ihren Moment in jedem Fenster zu sehen</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="72" />
        <source>What the recorded run found up to this moment of the race</source>
        <translation>Was der aufgezeichnete Lauf bis zu diesem Moment des Rennens fand</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="125" />
        <source>&lt;b&gt;This run&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;Dieser Lauf&lt;/b&gt;: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/AnomalyPanel.cpp" line="126" />
        <source>&lt;b&gt;As recorded&lt;/b&gt;, to this moment: %1</source>
        <translation>&lt;b&gt;Aufgezeichnet&lt;/b&gt;, bis zu diesem Moment: %1</translation>
    </message>
</context>
<context>
    <name>pitwall::AskPanel</name>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="61" />
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="61" />
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="62" />
        <source>Ask the race engineer, e.g. "gap between Norris and Piastri?"</source>
        <translation>Den Renningenieur fragen, z. B. „Abstand zwischen Norris und Piastri?“</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="63" />
        <source>Ask about the commentary, e.g. "comments about Hamilton"</source>
        <translation>Zum Kommentar fragen, z. B. „Kommentare über Hamilton“</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="67" />
        <source>The race engineer answers from the live race, calling its tools; each call is shown.</source>
        <translation>Der Renningenieur antwortet aus dem laufenden Rennen und ruft dazu seine Werkzeuge auf; jeder Aufruf wird angezeigt.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="89" />
        <source>Engineer:</source>
        <translation>Ingenieur:</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="90" />
        <source>Answered by %1.</source>
        <translation>Beantwortet von %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="104" />
        <source>Type a question first.</source>
        <translation>Erst eine Frage eingeben.</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="109" />
        <source>You:</source>
        <translation>Sie:</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="111" />
        <source>The race engineer is looking it up…</source>
        <translation>Der Renningenieur schlägt nach…</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="115" />
        <source>Searching…</source>
        <translation>Suche …</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="133" />
        <source>Answer (%1): %2</source>
        <translation>Antwort (%1): %2</translation>
    </message>
    <message>
        <location filename="../src/gui/AskPanel.cpp" line="135" />
        <source>No commentary matches yet.</source>
        <translation>Noch kein passender Kommentar.</translation>
    </message>
    <message numerus="yes">
        <location filename="../src/gui/AskPanel.cpp" line="137" />
        <source>The %n closest lines by meaning.</source>
        <translation>
            <numerusform>Die %n nach Bedeutung nächste Zeile.</numerusform>
            <numerusform>Die %n nach Bedeutung nächsten Zeilen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pitwall::DisplayNames</name>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="11" />
        <source>Engine temperature</source>
        <translation>Motortemperatur</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="12" />
        <source>Oil temperature</source>
        <translation>Öltemperatur</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="13" />
        <source>Tyre front left</source>
        <translation>Reifen vorne links</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="14" />
        <source>Tyre front right</source>
        <translation>Reifen vorne rechts</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="15" />
        <source>Tyre rear left</source>
        <translation>Reifen hinten links</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="16" />
        <source>Tyre rear right</source>
        <translation>Reifen hinten rechts</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="17" />
        <source>Brake front left</source>
        <translation>Bremse vorne links</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="18" />
        <source>Brake front right</source>
        <translation>Bremse vorne rechts</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="19" />
        <source>Brake rear left</source>
        <translation>Bremse hinten links</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="20" />
        <source>Brake rear right</source>
        <translation>Bremse hinten rechts</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="21" />
        <source>Lap time</source>
        <translation>Rundenzeit</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="50" />
        <source>Lights out: the race has started (%1 laps)</source>
        <translation>Lichter aus: das Rennen läuft (%1 Runden)</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="52" />
        <source>%1 passes %2 for P%3%4</source>
        <translation>%1 überholt %2 und ist P%3%4</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="55" />
        <source> with DRS</source>
        <translation> mit DRS</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="57" />
        <source>%1 pits: %2 → %3, %4 s stationary</source>
        <translation>%1 an der Box: %2 → %3, %4 s Standzeit</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="61" />
        <source>Fastest lap: %1, %2</source>
        <translation>Schnellste Runde: %1, %2</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="66" />
        <source>Virtual safety car ending</source>
        <translation>Virtuelles Safety Car endet</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="66" />
        <source>Safety car in this lap</source>
        <translation>Safety Car kommt in dieser Runde herein</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="68" />
        <source>Virtual safety car: %1</source>
        <translation>Virtuelles Safety Car: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="68" />
        <source>Safety car: %1</source>
        <translation>Safety Car: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="71" />
        <source>%1 retires (%2)</source>
        <translation>%1 scheidet aus (%2)</translation>
    </message>
    <message>
        <location filename="../src/gui/DisplayNames.cpp" line="73" />
        <source>Chequered flag</source>
        <translation>Zielflagge</translation>
    </message>
</context>
<context>
    <name>pitwall::FeedModel</name>
    <message>
        <location filename="../src/gui/FeedModel.cpp" line="61" />
        <source>Lap %1 · %2</source>
        <translation>Runde %1 · %2</translation>
    </message>
    <message>
        <location filename="../src/gui/FeedModel.cpp" line="62" />
        <source>race control</source>
        <translation>Rennleitung</translation>
    </message>
    <message>
        <location filename="../src/gui/FeedModel.cpp" line="83" />
        <source>commentary</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location filename="../src/gui/FeedModel.cpp" line="85" />
        <source>offline · fallback</source>
        <translation>offline · Ersatz</translation>
    </message>
    <message>
        <location filename="../src/gui/FeedModel.cpp" line="87" />
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../src/gui/FeedModel.cpp" line="137" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>pitwall::FeedPanel</name>
    <message>
        <location filename="../src/gui/FeedPanel.cpp" line="89" />
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location filename="../src/gui/FeedPanel.cpp" line="99" />
        <source>Copy line</source>
        <translation>Zeile kopieren</translation>
    </message>
</context>
<context>
    <name>pitwall::KafkaConnectionDialog</name>
    <message>
        <location filename="../src/gui/KafkaConnectionDialog.cpp" line="21" />
        <source>librdkafka properties file</source>
        <translation>librdkafka-Eigenschaftendatei</translation>
    </message>
    <message>
        <location filename="../src/gui/KafkaConnectionDialog.cpp" line="41" />
        <source>Enter the bootstrap servers or a properties file that names them.</source>
        <translation>Bootstrap-Server eingeben oder eine Eigenschaftendatei, die sie nennt.</translation>
    </message>
</context>
<context>
    <name>pitwall::LapChartsPanel</name>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="51" />
        <source>Race trace: gap to the leader</source>
        <translation>Rennverlauf: Abstand zum Führenden</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="53" />
        <location filename="../src/gui/LapChartsPanel.cpp" line="83" />
        <source>lap</source>
        <translation>Runde</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="54" />
        <source>gap (s)</source>
        <translation>Abstand (s)</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="64" />
        <source>Pit stops</source>
        <translation>Boxenstopps</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="70" />
        <source>Safety car</source>
        <translation>Safety Car</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="82" />
        <source>Lap times of the followed driver</source>
        <translation>Rundenzeiten des verfolgten Fahrers</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="84" />
        <source>lap time (s)</source>
        <translation>Rundenzeit (s)</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="88" />
        <source>Forecast band</source>
        <translation>Prognoseband</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="93" />
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="97" />
        <source>Lap time</source>
        <translation>Rundenzeit</translation>
    </message>
    <message>
        <location filename="../src/gui/LapChartsPanel.cpp" line="102" />
        <source>Pit or neutralised lap</source>
        <translation>Box- oder neutralisierte Runde</translation>
    </message>
</context>
<context>
    <name>pitwall::LeaderboardModel</name>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="32" />
        <source>Pos</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="33" />
        <source>+/-</source>
        <translation>+/-</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="34" />
        <source>No.</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="35" />
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="36" />
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="37" />
        <source>Gap</source>
        <translation>Abstand</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="38" />
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="39" />
        <source>Last lap</source>
        <translation>Letzte Runde</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="40" />
        <source>Tyre</source>
        <translation>Reifen</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="41" />
        <source>Pits</source>
        <translation>Stopps</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="42" />
        <source>Speed (km/h)</source>
        <translation>Tempo (km/h)</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="66" />
        <source>OUT</source>
        <translation>AUS</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="68" />
        <source>PIT</source>
        <translation>BOX</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="70" />
        <source>Winner</source>
        <translation>Sieger</translation>
    </message>
    <message>
        <location filename="../src/gui/LeaderboardModel.cpp" line="70" />
        <source>Leader</source>
        <translation>Führender</translation>
    </message>
</context>
<context>
    <name>pitwall::LibraryPanel</name>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="94" />
        <source>Select a race to see its result.</source>
        <translation>Wählen Sie ein Rennen, um sein Ergebnis zu sehen.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="95" />
        <source>No races yet: every race you run is kept here.</source>
        <translation>Noch keine Rennen: jedes Rennen, das Sie fahren, wird hier aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="99" />
        <source>no result</source>
        <translation>kein Ergebnis</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="101" />
        <source>%1 — %2 laps, %3 — %4. Race time recorded: %5 min.</source>
        <translation>%1 — %2 Runden, %3 — %4. Aufgezeichnete Renndauer: %5 min.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="104" />
        <source>won by %1</source>
        <translation>gewonnen von %1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="104" />
        <source>not finished (%1)</source>
        <translation>nicht beendet (%1)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="105" />
        <source>no followed driver</source>
        <translation>kein verfolgter Fahrer</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="106" />
        <source>following %1</source>
        <translation>verfolgt %1</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="115" />
        <source>Delete race</source>
        <translation>Rennen löschen</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="116" />
        <source>Delete "%1" and everything recorded of it? This cannot be undone.</source>
        <translation>„%1“ und alles Aufgezeichnete löschen? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="129" />
        <source>JSON Lines, can be imported (*.jsonl)</source>
        <translation>JSON Lines, importierbar (*.jsonl)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="129" />
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="130" />
        <source>Export race</source>
        <translation>Rennen exportieren</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="137" />
        <source>Exported %1 messages to %2.</source>
        <translation>%1 Nachrichten nach %2 exportiert.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="143" />
        <source>Import race</source>
        <translation>Rennen importieren</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="143" />
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="148" />
        <source>Imported "%1".</source>
        <translation>„%1“ importiert.</translation>
    </message>
    <message>
        <location filename="../src/gui/LibraryPanel.cpp" line="156" />
        <source>Working…</source>
        <translation>Arbeite…</translation>
    </message>
</context>
<context>
    <name>pitwall::LiveServersDialog</name>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="34" />
        <source>Apply to use the new token; agents must then send it.</source>
        <translation>Mit „Anwenden“ gilt das neue Token; Agenten müssen es dann senden.</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="61" />
        <source>Running at http://127.0.0.1:%1/mcp (Streamable HTTP). Agents send the header Authorization: Bearer &lt;token&gt;.</source>
        <translation>Läuft unter http://127.0.0.1:%1/mcp (Streamable HTTP). Agenten senden den Header Authorization: Bearer &lt;token&gt;.</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="63" />
        <location filename="../src/gui/LiveServersDialog.cpp" line="67" />
        <source>Off.</source>
        <translation>Aus.</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="65" />
        <source>Running: updates at ws://127.0.0.1:%1/live, example overlay at http://127.0.0.1:%1/overlay.</source>
        <translation>Läuft: Updates unter ws://127.0.0.1:%1/live, Beispiel-Overlay unter http://127.0.0.1:%1/overlay.</translation>
    </message>
    <message>
        <location filename="../src/gui/LiveServersDialog.cpp" line="68" />
        <source>Both listen on this computer only (127.0.0.1).</source>
        <translation>Beide sind nur auf diesem Computer erreichbar (127.0.0.1).</translation>
    </message>
</context>
<context>
    <name>pitwall::MainWindow</name>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="118" />
        <source>About Pit Wall</source>
        <translation>Über Pit Wall</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="119" />
        <source>&lt;b&gt;Pit Wall %1&lt;/b&gt;&lt;p&gt;Follow a Formula 1 race live: leaderboard, telemetry and a streaming-AI pit wall, on an embedded Kafka broker or your own cluster.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Pit Wall %1&lt;/b&gt;&lt;p&gt;Ein Formel-1-Rennen live verfolgen: Rangliste, Telemetrie und eine Streaming-KI-Boxenmauer, auf einem eingebauten Kafka-Broker oder dem eigenen Cluster.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="149" />
        <source> Circuit </source>
        <translation> Strecke </translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="159" />
        <source> Speed </source>
        <translation> Tempo </translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="164" />
        <location filename="../src/gui/MainWindow.cpp" line="636" />
        <source>As fast as possible</source>
        <translation>So schnell wie möglich</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="179" />
        <source>&amp;Faster</source>
        <translation>S&amp;chneller</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="184" />
        <source>S&amp;lower</source>
        <translation>Langsa&amp;mer</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="208" />
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="223" />
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="236" />
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="241" />
        <source>Searches the commentary by meaning with the offline embedder.</source>
        <translation>Durchsucht den Kommentar nach Bedeutung, mit dem Offline-Embedder.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="248" />
        <source>Kafka is not ready yet.</source>
        <translation>Kafka ist noch nicht bereit.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="280" />
        <source>Telemetry</source>
        <translation>Telemetrie</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="283" />
        <source>Race trace</source>
        <translation>Rennverlauf</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="290" />
        <source>Track map</source>
        <translation>Streckenkarte</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="294" />
        <source>Race feed</source>
        <translation>Renngeschehen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="301" />
        <source>Anomalies</source>
        <translation>Anomalien</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="334" />
        <source>The driver to follow: highlighted, ringed on the map, drawn in the charts</source>
        <translation>Der verfolgte Fahrer: hervorgehoben, auf der Karte umrandet, in den Diagrammen gezeichnet</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="338" />
        <source> Follow </source>
        <translation> Verfolgen </translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="370" />
        <source>Lan&amp;guage</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="374" />
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="385" />
        <source>Pit Wall will speak %1 from its next start.</source>
        <translation>Pit Wall spricht ab dem nächsten Start %1.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="454" />
        <source>%1 live</source>
        <translation>%1 live</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="455" />
        <source>%1 (held)</source>
        <translation>%1 (angehalten)</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="473" />
        <source>The recorded run of %1 could not be read for comparison: %2</source>
        <translation>Der aufgezeichnete Lauf von %1 ließ sich für den Vergleich nicht lesen: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="496" />
        <source>Fastest lap: &lt;b&gt;%1&lt;/b&gt;, %2 on lap %3</source>
        <translation>Schnellste Runde: &lt;b&gt;%1&lt;/b&gt;, %2 in Runde %3</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="505" />
        <source>%1 — classification</source>
        <translation>%1 — Klassement</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="507" />
        <source>%1 finished &lt;b&gt;P%2&lt;/b&gt;.</source>
        <translation>%1 kam als &lt;b&gt;P%2&lt;/b&gt; ins Ziel.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="511" />
        <source>Pos</source>
        <translation>Pos.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="511" />
        <source>Driver</source>
        <translation>Fahrer</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="511" />
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="541" />
        <location filename="../src/gui/MainWindow.cpp" line="552" />
        <location filename="../src/gui/MainWindow.cpp" line="891" />
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="545" />
        <source>Hold the replay, and resume it (Ctrl+Space)</source>
        <translation>Wiederholung anhalten und fortsetzen (Strg+Leertaste)</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="549" />
        <source>Race time of the replay: drag to jump</source>
        <translation>Rennzeit der Wiederholung: ziehen, um zu springen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="552" />
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="570" />
        <source>Searches the commentary by meaning (%1); %2 writes an answer from the matches.</source>
        <translation>Durchsucht den Kommentar nach Bedeutung (%1); %2 schreibt aus den Treffern eine Antwort.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="572" />
        <source>Searches the commentary by meaning (%1). Configure an LLM for written answers.</source>
        <translation>Durchsucht den Kommentar nach Bedeutung (%1). Für geschriebene Antworten ein LLM einrichten.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="604" />
        <source>The race engineer reads the live race; it has no race context in this window.</source>
        <translation>Der Renningenieur liest das laufende Rennen; in diesem Fenster hat er keinen Rennkontext.</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="650" />
        <source>%1 — lap %2/%3 — live</source>
        <translation>%1 — Runde %2/%3 — live</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="663" />
        <source>Lap %v of %m</source>
        <translation>Runde %v von %m</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="689" />
        <source>Connecting to Kafka at %1…</source>
        <translation>Verbinde mit Kafka unter %1…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="690" />
        <source>Starting the embedded Kafka broker…</source>
        <translation>Starte den eingebauten Kafka-Broker…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="705" />
        <source>%1. Change it in File ▸ Kafka connection (Ctrl+K).</source>
        <translation>%1. Ändern unter Datei ▸ Kafka-Verbindung (Strg+K).</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="706" />
        <source>Kafka: not connected</source>
        <translation>Kafka: nicht verbunden</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="712" />
        <source>Kafka: %1 (%2)</source>
        <translation>Kafka: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="714" />
        <source>embedded broker</source>
        <translation>eingebauter Broker</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="714" />
        <source>cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="767" />
        <source>Replay of %1</source>
        <translation>Wiederholung: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="785" />
        <source>Could not switch %1 on: %2</source>
        <translation>%1 ließ sich nicht einschalten: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="786" />
        <source>Could not switch %1 off: %2</source>
        <translation>%1 ließ sich nicht ausschalten: %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="812" />
        <source>won by %1</source>
        <translation>gewonnen von %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="813" />
        <source>stopped on lap %1</source>
        <translation>angehalten in Runde %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="814" />
        <source>Race %1 — finished: %2 of %3 positions read back — %4</source>
        <translation>Rennen %1 — beendet: %2 von %3 Positionen zurückgelesen — %4</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="805" />
        <source>The race could not start: %1</source>
        <translation>Das Rennen konnte nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="102" />
        <source>Double-click a driver to follow them</source>
        <translation>Doppelklick auf einen Fahrer, um ihn zu verfolgen</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="822" />
        <source>Starting a race…</source>
        <translation>Starte ein Rennen…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="831" />
        <source>Race %1 — stopping: reading back every message…</source>
        <translation>Rennen %1 — wird beendet: lese jede Nachricht zurück…</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="860" />
        <source>produced %1 · consumed %2</source>
        <translation>erzeugt %1 · gelesen %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="861" />
        <source>lag %1</source>
        <translation>Rückstand %1</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="863" />
        <source>errors %1 · skipped %2</source>
        <translation>Fehler %1 · übersprungen %2</translation>
    </message>
    <message>
        <location filename="../src/gui/MainWindow.cpp" line="864" />
        <source>errors %1</source>
        <translation>Fehler %1</translation>
    </message>
</context>
<context>
    <name>pitwall::PipelineHealthModel</name>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="73" />
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="74" />
        <source>In/s</source>
        <translation>Ein/s</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="75" />
        <source>Out/s</source>
        <translation>Aus/s</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="76" />
        <source>In</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="77" />
        <source>Out</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="78" />
        <source>Lag</source>
        <translation>Rückstand</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="79" />
        <source>p50 µs</source>
        <translation>p50 µs</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="80" />
        <source>p99 µs</source>
        <translation>p99 µs</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="81" />
        <source>Dead-lettered</source>
        <translation>Dead Letter</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="82" />
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelineHealthModel.cpp" line="83" />
        <source>Restarts</source>
        <translation>Neustarts</translation>
    </message>
</context>
<context>
    <name>pitwall::PipelinePanel</name>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="45" />
        <source>Commentary: offline commentator (no LLM configured) · %1 lines</source>
        <translation>Kommentar: Offline-Kommentator (kein LLM eingerichtet) · %1 Zeilen</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="47" />
        <source>Commentary: %1 · %2 calls · %3 tokens in, %4 out · $%5 · %6 lines by the model, %7 fallbacks</source>
        <translation>Kommentar: %1 · %2 Aufrufe · %3 Tokens hinein, %4 heraus · $%5 · %6 Zeilen vom Modell, %7 Ersatzzeilen</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="56" />
        <source> · throttled %1, held back %2, refused by the fact check %3</source>
        <translation> · gedrosselt %1, zurückgehalten %2, von der Faktenprüfung abgelehnt %3</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="61" />
        <source> · paused after repeated failures</source>
        <translation> · nach wiederholten Fehlern pausiert</translation>
    </message>
    <message>
        <location filename="../src/gui/PipelinePanel.cpp" line="63" />
        <source>
Search: %1 in %2 · %3 lines stored</source>
        <translation>
Suche: %1 in %2 · %3 Zeilen gespeichert</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceEngineer</name>
    <message>
        <location filename="../src/mcp/RaceEngineer.cpp" line="50" />
        <source>error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <location filename="../src/mcp/RaceEngineer.cpp" line="52" />
        <source>a long result, cut to %1 characters</source>
        <translation>ein langes Ergebnis, auf %1 Zeichen gekürzt</translation>
    </message>
    <message>
        <location filename="../src/mcp/RaceEngineer.cpp" line="57" />
        <source>%1: 1 item</source>
        <translation>%1: 1 Eintrag</translation>
    </message>
    <message>
        <location filename="../src/mcp/RaceEngineer.cpp" line="57" />
        <source>%1: %2 items</source>
        <translation>%1: %2 Einträge</translation>
    </message>
    <message>
        <location filename="../src/mcp/RaceEngineer.cpp" line="85" />
        <source>The race engineer needs a language model that can call tools. Start Pit Wall with --llm bedrock (with AWS_REGION, AWS credentials or a profile, and --llm-model) or --llm openai (with OPENAI_API_KEY, or --llm-endpoint for a compatible server), or save one in the AI settings.</source>
        <translation>Der Renningenieur braucht ein Sprachmodell, das Werkzeuge aufrufen kann. Starten Sie Pit Wall mit --llm bedrock (mit AWS_REGION, AWS-Zugangsdaten oder einem Profil und --llm-model) oder --llm openai (mit OPENAI_API_KEY oder --llm-endpoint für einen kompatiblen Server), oder speichern Sie eines in den KI-Einstellungen.</translation>
    </message>
    <message>
        <location filename="../src/mcp/RaceEngineer.cpp" line="100" />
        <source>The race engineer is still answering the last question.</source>
        <translation>Der Renningenieur beantwortet noch die letzte Frage.</translation>
    </message>
    <message>
        <location filename="../src/mcp/RaceEngineer.cpp" line="104" />
        <source>Type a question first.</source>
        <translation>Bitte zuerst eine Frage eingeben.</translation>
    </message>
    <message>
        <location filename="../src/mcp/RaceEngineer.cpp" line="134" />
        <source>The model did not answer: %1</source>
        <translation>Das Modell hat nicht geantwortet: %1</translation>
    </message>
    <message>
        <location filename="../src/mcp/RaceEngineer.cpp" line="151" />
        <source>The model was still calling tools after %1 rounds; ask a narrower question.</source>
        <translation>Das Modell rief nach %1 Runden immer noch Werkzeuge auf; stellen Sie eine engere Frage.</translation>
    </message>
</context>
<context>
    <name>pitwall::RaceLibraryModel</name>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="34" />
        <location filename="../src/gui/RaceLibraryModel.cpp" line="45" />
        <source>The race library is not open.</source>
        <translation>Die Rennbibliothek ist nicht geöffnet.</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="103" />
        <source>Race</source>
        <translation>Rennen</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="104" />
        <source>Circuit</source>
        <translation>Strecke</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="105" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="106" />
        <source>Laps</source>
        <translation>Runden</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="107" />
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="108" />
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location filename="../src/gui/RaceLibraryModel.cpp" line="109" />
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>pitwall::TelemetryPanel</name>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="64" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="64" />
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="70" />
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="70" />
        <source>km/h</source>
        <translation>km/h</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="71" />
        <location filename="../src/gui/TelemetryPanel.cpp" line="88" />
        <source>Followed</source>
        <translation>Verfolgt</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="72" />
        <location filename="../src/gui/TelemetryPanel.cpp" line="89" />
        <source>Rival</source>
        <translation>Rivale</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="73" />
        <source>Throttle, brake and gear</source>
        <translation>Gas, Bremse und Gang</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="73" />
        <source>% / gear×12.5</source>
        <translation>% / Gang×12,5</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="74" />
        <source>Throttle</source>
        <translation>Gas</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="75" />
        <source>Brake</source>
        <translation>Bremse</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="76" />
        <source>Gear</source>
        <translation>Gang</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="77" />
        <source>Rival gear</source>
        <translation>Gang des Rivalen</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="78" />
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="78" />
        <source>°C</source>
        <translation>°C</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="83" />
        <source>Forecast band</source>
        <translation>Prognoseband</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="87" />
        <source>Forecast</source>
        <translation>Prognose</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="91" />
        <source>Anomalies</source>
        <translation>Anomalien</translation>
    </message>
    <message>
        <location filename="../src/gui/TelemetryPanel.cpp" line="138" />
        <source>race time (s)</source>
        <translation>Rennzeit (s)</translation>
    </message>
</context>
<context>
    <name>pitwall::TrackMapWidget</name>
    <message>
        <location filename="../src/gui/TrackMapWidget.cpp" line="83" />
        <source>The track map appears when a race starts.</source>
        <translation>Die Streckenkarte erscheint, sobald ein Rennen startet.</translation>
    </message>
</context>
</TS>
