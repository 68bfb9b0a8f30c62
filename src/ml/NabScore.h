#pragma once
// The Numenta Anomaly Benchmark's scoring (NAB v1.1), written from its published
// description: each labelled window rewards its earliest detection by a scaled sigmoid
// of where in the window it fell, a missed window costs fnWeight, and every detection
// outside the windows costs fpWeight scaled by how far past the previous window it is
// (a detection before any window costs the full fpWeight). Detections in the
// probationary period (the first 15 % of the file, at most 750 rows) are not scored.
// A corpus score is normalised so the null detector (no detections) scores 0 and a
// perfect one (a detection at the start of every window) scores 100.

#include <QString>
#include <QStringList>
#include <span>
#include <vector>

namespace pitwall::ml::nab {

struct Profile {
    const char *name;
    double tpWeight;
    double fpWeight;
    double fnWeight;
};

// standard, reward_low_FP_rate, reward_low_FN_rate (config/profiles.json of NAB v1.1).
std::span<const Profile> profiles();

// A labelled window by row index, both ends included.
struct Window {
    int first = 0;
    int last = 0;
};

// 2 * sigmoid(-5 x) - 1, and -1 beyond x = 3: x = -1 is a window's first row, 0 its end.
double scaledSigmoid(double relativePosition);

// Probationary rows at the start of a file of `rows` rows.
int probationLength(int rows, double probationPercent = 0.15);

struct FileScore {
    double raw = 0;         // the file's un-normalised score
    double nullScore = 0;   // what the null detector scores on it (-fnWeight per scored window)
    int scoredWindows = 0;  // windows reaching past the probationary period
    int windowsFound = 0;   // scored windows with a detection inside
    int falsePositives = 0; // scored detections outside every window
};

// Adds one file's score to a total of several.
FileScore &operator+=(FileScore &total, const FileScore &file);

// Scores one file's detections (one flag per row) against its windows (ascending, disjoint).
FileScore scoreFile(const std::vector<bool> &detections, std::span<const Window> windows, const Profile &profile,
                    double probationPercent = 0.15);

// 100 * (raw - null) / (perfect - null), with perfect = tpWeight per scored window.
double normalised(double raw, double nullScore, int scoredWindows, const Profile &profile);
// The same for one file's score or a total of several.
double normalised(const FileScore &score, const Profile &profile);

// How far a normalised total can be trusted, by resampling its files: each of `resamples`
// draws picks as many files as there are, with replacement, and normalises their sum. A
// total over 29 files moves by several points with which files happen to be in it, so a
// change of a point or two needs the paired form below before it means anything.
struct Interval {
    double low = 0;
    double high = 0;
};
// The central `level` share of the resampled totals (0.9: the 5th to the 95th percentile).
Interval bootstrapInterval(std::span<const FileScore> files, const Profile &profile, double level = 0.9, int resamples = 2000,
                           unsigned seed = 1);
// The same for the difference of two detectors' totals on the same files (`candidate` and
// `baseline` are per file, in the same order): each draw resamples the files once for both,
// so what the two share (which files are easy) cancels out.
Interval pairedBootstrapInterval(std::span<const FileScore> candidate, std::span<const FileScore> baseline,
                                 const Profile &profile, double level = 0.9, int resamples = 2000, unsigned seed = 1);

// Maps windows given as timestamps to row indices by exact match of the timestamps
// (NAB writes them with a ".000000" fraction the data files lack); an end that is not a
// row is an error named in `error`.
std::vector<Window> windowsByRow(const QStringList &rowTimestamps, const std::vector<std::pair<QString, QString>> &windows,
                                 QString *error);

} // namespace pitwall::ml::nab
